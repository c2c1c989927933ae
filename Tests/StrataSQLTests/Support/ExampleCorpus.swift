// The example corpus in `grammar/examples`: every `.sql` file there is a script the parser must accept and
// the printer must round-trip. Tests find it relative to this source file.
import Foundation
import StrataSQL

enum ExampleCorpus {
    /// `grammar/` at the repository root.
    static let grammarDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // StrataSQLTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("grammar")

    static let examplesDirectory = grammarDirectory.appendingPathComponent("examples")

    /// Paths of the example files relative to `examples/`, sorted.
    static let files: [String] = {
        let root = examplesDirectory.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".sql") { files.append(path) }
        }
        return files.sorted()
    }()

    static func text(of file: String) throws -> String {
        try String(contentsOf: examplesDirectory.appendingPathComponent(file), encoding: .utf8)
    }

    /// Parses a file, turning an error into a test failure message with the caret rendering.
    static func statements(in file: String) throws -> [Statement] {
        let text = try text(of: file)
        do {
            return try SQLParser.parse(text)
        } catch {
            throw CorpusFailure(description: "\(file): \(error.render(source: text))")
        }
    }

    struct CorpusFailure: Error, CustomStringConvertible {
        var description: String
    }
}
