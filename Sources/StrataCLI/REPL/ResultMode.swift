// How the REPL prints results (`.mode`, `--format`): the formats of `strata query`, plus line mode.
import ArgumentParser
import StrataCore

enum ResultMode: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, csv, json, ndjson, markdown, line

    /// The printer for a result going to `output`: a table is a box on a terminal, columns separated by
    /// `|` elsewhere.
    func printer(for schema: Schema, terminal: TerminalLayout?) -> RowPrinter {
        switch self {
        case .table: return RowPrinter(format: .table, schema: schema, terminal: terminal)
        case .csv: return RowPrinter(format: .csv, schema: schema)
        case .json: return RowPrinter(format: .json, schema: schema)
        case .ndjson: return RowPrinter(format: .ndjson, schema: schema)
        case .markdown: return RowPrinter(format: .markdown, schema: schema)
        case .line: return RowPrinter(layout: .lines, schema: schema)
        }
    }

    /// Whether rows are written as they come (rather than once the result is complete).
    var streams: Bool {
        switch self {
        case .csv, .json, .ndjson, .line: return true
        case .table, .markdown: return false
        }
    }
}
