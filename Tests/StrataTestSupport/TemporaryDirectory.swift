// A fresh folder per test, removed when the test is done.
import Foundation

public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "strata-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `name` below this folder.
    public func file(_ name: String) -> String { path + "/" + name }
}
