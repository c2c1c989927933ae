// Formats rows in one of the output formats. CSV follows the design contract (header, RFC 4180 quoting,
// NULL as an empty field); JSON is an array of objects, NDJSON one object per line; tables and Markdown
// are buffered to size their columns.
import StrataCore

struct RowPrinter {
    let format: OutputFormat
    let schema: Schema
    private var tableRows: [[String]] = []
    private var rowCount = 0

    init(format: OutputFormat, schema: Schema) {
        precondition(format != .parquet, "Parquet output is written by the Parquet writer")
        self.format = format
        self.schema = schema
    }

    func header() -> String {
        switch format {
        case .csv: return schema.names.map { CSVText.quoted($0) }.joined(separator: ",") + "\n"
        case .json: return "["
        case .table, .markdown, .ndjson, .parquet: return ""
        }
    }

    /// The text of every row of `batch`.
    mutating func rows(_ batch: Batch) -> String {
        var text = ""
        for row in 0..<batch.count { text += self.row(batch, row) }
        return text
    }

    mutating func row(_ batch: Batch, _ row: Int) -> String {
        defer { rowCount += 1 }
        switch format {
        case .csv:
            return batch.columns.enumerated().map { index, column in
                ValueFormatter.text(column.value(at: row), type: schema.fields[index].type).map { CSVText.quoted($0) } ?? ""
            }.joined(separator: ",") + "\n"
        case .json, .ndjson:
            let members = batch.columns.enumerated().map { index, column in
                JSONText.quoted(schema.fields[index].name) + ":" + Self.json(column.value(at: row), type: schema.fields[index].type)
            }
            let object = "{" + members.joined(separator: ",") + "}"
            if format == .ndjson { return object + "\n" }
            return (rowCount == 0 ? "\n" : ",\n") + object
        case .table, .markdown:
            tableRows.append(batch.columns.enumerated().map { index, column in
                ValueFormatter.text(column.value(at: row), type: schema.fields[index].type) ?? (format == .table ? "NULL" : "")
            })
            return ""
        case .parquet:
            return ""
        }
    }

    func footer() -> String {
        switch format {
        case .csv, .ndjson, .parquet: return ""
        case .json: return rowCount == 0 ? "]\n" : "\n]\n"
        case .table: return table()
        case .markdown: return markdown()
        }
    }

    /// A JSON value: numbers and booleans bare, everything else as a string.
    static func json(_ value: Value, type: DataType) -> String {
        switch value {
        case .null: return "null"
        case .boolean(let v): return v ? "true" : "false"
        case .integer(let v): return String(v)
        case .decimal: return ValueFormatter.text(value, type: type)!
        case .real(let v) where v.isFinite: return ValueFormatter.text(value, type: type)!
        case .double(let v) where v.isFinite: return ValueFormatter.text(value, type: type)!
        default: return JSONText.quoted(ValueFormatter.text(value, type: type) ?? "")
        }
    }

    private func table() -> String {
        let names = schema.names
        var widths = names.map(\.count)
        for row in tableRows {
            for (index, cell) in row.enumerated() { widths[index] = Swift.max(widths[index], cell.count) }
        }
        let rightAligned = schema.fields.map { $0.type.isNumeric }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned[index] ? padding + cell : cell + padding
            }.joined(separator: " | ").trimmingTrailingSpaces() + "\n"
        }
        var text = line(names)
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
        for row in tableRows { text += line(row) }
        text += "(\(tableRows.count) row\(tableRows.count == 1 ? "" : "s"))\n"
        return text
    }

    private func markdown() -> String {
        func escaped(_ cell: String) -> String {
            cell.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
                .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
        }
        var text = "| " + schema.names.map(escaped).joined(separator: " | ") + " |\n"
        text += "|" + schema.fields.map { $0.type.isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
        for row in tableRows { text += "| " + row.map(escaped).joined(separator: " | ") + " |\n" }
        return text
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
