// How results are drawn on a terminal: its width (tables are fitted to it), how many rows a long result
// shows, and whether colour is welcome (`NO_COLOR`, `TERM=dumb`).
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct TerminalLayout: Sendable, Hashable {
    /// Columns of the terminal.
    var width: Int
    /// A longer result shows its first and last `maxRows / 2` rows.
    var maxRows: Int = 40
    var color: Bool
    /// Whether a box table ends with its row count ("12 rows", "1,000 rows (40 shown)"); the REPL puts
    /// the count in its own summary line instead.
    var showsRowCount = true

    /// The layout of the terminal `descriptor` is, or nil when it is not a terminal.
    static func of(descriptor: Int32) -> TerminalLayout? {
        guard isatty(descriptor) == 1 else { return nil }
        return TerminalLayout(width: width(of: descriptor), color: colorWanted())
    }

    /// The columns of the terminal `descriptor` is; `$COLUMNS` or 80 when the terminal does not say.
    static func width(of descriptor: Int32) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// Colour unless `NO_COLOR` is set (https://no-color.org) or the terminal is dumb.
    static func colorWanted() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// `text` dimmed when colour is on.
    func dim(_ text: String) -> String {
        color ? "\u{1B}[2m" + text + "\u{1B}[0m" : text
    }
}
