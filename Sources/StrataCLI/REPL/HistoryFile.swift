// The REPL's history file (`~/.strata_history`): one entry per line, appended as each entry is made so
// nothing is lost when a session ends abruptly. A statement spanning lines stays one entry: its line
// breaks are stored as U+0001, as psql does. The file is cut to its last entries when it grows long.
import Foundation

struct HistoryFile {
    let path: String
    /// Entries kept when the file is cut.
    var limit = 1000

    /// `~/.strata_history`, or nil when there is no home folder.
    static func standard() -> HistoryFile? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: (home as NSString).appendingPathComponent(".strata_history"))
    }

    /// The entries, oldest first; cuts the file to the last `limit` entries when it holds twice as many.
    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.replacingOccurrences(of: "\u{1}", with: "\n")
        }
        if entries.count > 2 * limit {
            entries = Array(entries.suffix(limit))
            let text = entries.map(Self.encoded).joined()
            try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        return entries
    }

    /// Adds `entry` at the end of the file.
    func append(_ entry: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(Self.encoded(entry).utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    private static func encoded(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\n", with: "\u{1}") + "\n"
    }
}
