// The `strata` executable built beside the test bundle, for tests that run the command line.
import Foundation

public enum StrataExecutable {
    public static var path: String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = folder.appendingPathComponent("strata").path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/strata").path
    }
}
