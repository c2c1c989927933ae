// `--lake URI` on every command, else `$STRATA_LAKE`, else `./lake` (the design contract).
import ArgumentParser
import Foundation
import StrataLake
import StrataStorage

struct LakeOptions: ParsableArguments {
    @Option(
        name: .long, help: "The lake: a local folder or s3://bucket/prefix (default: $STRATA_LAKE, else ./lake).",
        completion: .directory)
    var lake: String?

    var location: StorageLocation {
        get throws {
            let text = lake ?? ProcessInfo.processInfo.environment["STRATA_LAKE"] ?? "./lake"
            return try StorageLocation(parsing: text, workingDirectory: FileManager.default.currentDirectoryPath)
        }
    }

    @Flag(help: "Refuse every write: statements and commands that would change the lake fail, and nothing is written.")
    var readOnly = false

    func makeSession() throws -> LakeSession {
        try LakeSession(location: try location, readOnly: readOnly)
    }
}
