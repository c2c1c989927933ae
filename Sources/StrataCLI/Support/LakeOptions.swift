// `--lake URI` on every command, else `$STRATA_LAKE`, else `./lake` (the design contract).
import ArgumentParser
import Foundation
import StrataExecution
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

    @Option(
        help: ArgumentHelp(
            "How long a write waits for a table another writer holds before it gives up: 500ms, 30s, 10m, 1h.",
            valueName: "duration"))
    var lockTimeout: String?

    @Option(
        help: ArgumentHelp(
            "Memory a statement's sorts, aggregations, joins and windows may hold: 2GB, 512MB (default: 80% of RAM). Sorts and aggregations spill to disk to stay under it.",
            valueName: "size"))
    var memoryLimit: String?

    func makeSession() throws -> LakeSession {
        let session = try LakeSession(location: try location, readOnly: readOnly)
        if let lockTimeout {
            guard let duration = SessionSettings.duration(lockTimeout) else {
                throw ValidationError("--lock-timeout needs a duration such as 500ms, 30s, 10m or 1h, not '\(lockTimeout)'")
            }
            session.settings.lockTimeout = duration
        }
        if let memoryLimit {
            guard let bytes = MemoryBudget.parseSize(memoryLimit), bytes >= 1_000_000 else {
                throw ValidationError("--memory-limit needs a size of at least 1MB such as 2GB, 512MB or 1.5GiB, not '\(memoryLimit)'")
            }
            session.settings.memoryLimit = bytes
        }
        session.notice = { CommandFailure.warn($0) }
        return session
    }
}
