// The REPL's dot commands: a line starting with `.` where a statement could start. Each takes the rest of
// the line as its argument (quotes around a file name are removed); a `;` at the end is ignored.

enum DotCommand: Equatable {
    case help
    case tables(pattern: String?)
    case schema(table: String?)
    case partitions(table: String)
    case mode(ResultMode?)
    case output(path: String?)
    case read(path: String)
    case timer(Bool?)
    case lake(uri: String?)
    case stats
    case maxRows(Int?)
    case quit

    /// The commands, for completion and help, in the order `.help` lists them.
    static let names = ["help", "tables", "schema", "partitions", "mode", "output", "read", "timer", "lake", "stats", "maxrows", "quit"]

    static let helpText = """
        .help                 this list
        .tables [PATTERN]     the lake's tables (PATTERN as in LIKE: silver.%)
        .schema [TABLE]       a table's columns, types and partition keys (every table without TABLE)
        .partitions TABLE     a table's partitions
        .mode [MODE]          print results as table, csv, json, ndjson, markdown or line
        .output [FILE]        write results to FILE (replacing it); without FILE, to the screen again
        .read FILE            run the statements and dot commands of FILE
        .timer on|off         show the time each statement takes
        .lake [URI]           switch to another lake (a folder or s3://bucket/prefix)
        .stats                the last query's funnel: partitions, files, row groups, pages, bytes
        .maxrows [N]          rows a long table result shows (0: all)
        .quit                 leave (Ctrl-D too)

        Statements end with ';' and may span lines. Tab completes keywords, tables, columns, functions
        and file paths in quotes. Ctrl-C cancels the running statement or clears the line.
        """

    /// A command's full name from what was typed (`.q` and `.exit` mean `.quit`, `.h` `.help`).
    static func canonicalName(_ typed: String) -> String {
        let lowered = typed.lowercased()
        switch lowered {
        case "exit", "q": return "quit"
        case "h", "?": return "help"
        default: return lowered
        }
    }

    /// The command written on `line` (which starts with `.`).
    static func parse(_ line: String) throws -> DotCommand {
        var text = Substring(line).drop(while: \.isWhitespace)
        while text.last == ";" || text.last?.isWhitespace == true { text = text.dropLast() }
        let typedName = text.dropFirst().prefix(while: { !$0.isWhitespace })
        let argument = unquoted(text.dropFirst(1 + typedName.count).trimmingWhitespace())
        let name = canonicalName(String(typedName))
        func usage(_ form: String) -> CommandError { CommandError("usage: \(form)") }
        switch name {
        case "help":
            return .help
        case "tables":
            return .tables(pattern: argument)
        case "schema":
            return .schema(table: argument)
        case "partitions":
            guard let argument else { throw usage(".partitions TABLE") }
            return .partitions(table: argument)
        case "mode":
            guard let argument else { return .mode(nil) }
            guard let mode = ResultMode(rawValue: argument.lowercased()) else {
                throw CommandError("unknown mode \(argument); the modes are \(ResultMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .mode(mode)
        case "output", "once":
            return .output(path: argument)
        case "read":
            guard let argument else { throw usage(".read FILE") }
            return .read(path: argument)
        case "timer":
            switch argument?.lowercased() {
            case nil: return .timer(nil)
            case "on"?, "true"?, "1"?: return .timer(true)
            case "off"?, "false"?, "0"?: return .timer(false)
            default: throw usage(".timer on|off")
            }
        case "lake":
            return .lake(uri: argument)
        case "stats":
            return .stats
        case "maxrows":
            guard let argument else { return .maxRows(nil) }
            guard let count = Int(argument), count >= 0 else { throw usage(".maxrows N (0 shows every row)") }
            return .maxRows(count)
        case "quit":
            return .quit
        default:
            throw CommandError("unknown command .\(typedName); .help lists the commands")
        }
    }

    /// The argument without surrounding quotes; nil when empty.
    private static func unquoted(_ text: Substring) -> String? {
        guard !text.isEmpty else { return nil }
        if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return String(text)
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
