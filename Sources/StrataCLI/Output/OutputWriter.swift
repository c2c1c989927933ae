// Standard output or a file, written in large pieces.
import Foundation

struct OutputWriter {
    private var pending = ""
    private let handle: FileHandle
    /// The terminal the output goes to, nil for files and pipes: tables are drawn as boxes fitted to it.
    let terminal: TerminalLayout?

    /// Standard output.
    init() {
        handle = FileHandle.standardOutput
        terminal = TerminalLayout.of(descriptor: STDOUT_FILENO)
    }

    /// A new file at `path` (replacing what was there).
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CommandError("cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandError("cannot write \(path)") }
        self.handle = handle
        terminal = nil
    }

    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        handle.write(Data(pending.utf8))
        pending = ""
    }
}
