// Formats rows in one of the output formats. CSV follows the design contract (header, RFC 4180 quoting,
// NULL as an empty field); JSON is an array of objects, NDJSON one object per line; tables and Markdown
// are buffered to size their columns. A table going to a terminal is drawn as a box fitted to it
// (`BoxTable`); the REPL's line mode prints one `column = value` line per column.
import StrataCore

struct RowPrinter {
    /// How the rows are laid out.
    enum Layout: Hashable {
        case csv, json, ndjson, markdown
        /// Columns separated by `|`, every row: the table format when the output is not a terminal.
        case textTable
        /// A box fitted to a terminal.
        case box(TerminalLayout)
        /// One `column = value` line per column, a blank line between rows.
        case lines
    }

    let layout: Layout
    let schema: Schema
    private var tableRows: [[String]] = []
    private var box: BoxTable?
    private var rowCount = 0
    /// What the box showed of the result, once `footer()` drew it.
    private(set) var shown: BoxTable.Shown?

    /// A printer for `format`; tables become boxes when `terminal` describes where they go.
    init(format: OutputFormat, schema: Schema, terminal: TerminalLayout? = nil) {
        switch format {
        case .csv: self.init(layout: .csv, schema: schema)
        case .json: self.init(layout: .json, schema: schema)
        case .ndjson: self.init(layout: .ndjson, schema: schema)
        case .markdown: self.init(layout: .markdown, schema: schema)
        case .table: self.init(layout: terminal.map { .box($0) } ?? .textTable, schema: schema)
        case .parquet: preconditionFailure("Parquet output is written by the Parquet writer")
        }
    }

    init(layout: Layout, schema: Schema) {
        self.layout = layout
        self.schema = schema
        if case .box(let terminal) = layout { box = BoxTable(schema: schema, layout: terminal) }
    }

    func header() -> String {
        switch layout {
        case .csv: return schema.names.map { CSVText.quoted($0) }.joined(separator: ",") + "\n"
        case .json: return "["
        case .textTable, .box, .markdown, .ndjson, .lines: return ""
        }
    }

    /// The text of every row of `batch`.
    mutating func rows(_ batch: Batch) -> String {
        if box != nil {
            box!.add(batch)
            rowCount += batch.count
            return ""
        }
        var text = ""
        for row in 0..<batch.count { text += self.row(batch, row) }
        return text
    }

    mutating func row(_ batch: Batch, _ row: Int) -> String {
        defer { rowCount += 1 }
        switch layout {
        case .csv:
            return batch.columns.enumerated().map { index, column in
                ValueFormatter.text(column.value(at: row), type: schema.fields[index].type).map { CSVText.quoted($0) } ?? ""
            }.joined(separator: ",") + "\n"
        case .json, .ndjson:
            let members = batch.columns.enumerated().map { index, column in
                JSONText.quoted(schema.fields[index].name) + ":" + ValueFormatter.json(column.value(at: row), type: schema.fields[index].type)
            }
            let object = "{" + members.joined(separator: ",") + "}"
            if layout == .ndjson { return object + "\n" }
            return (rowCount == 0 ? "\n" : ",\n") + object
        case .textTable, .markdown:
            tableRows.append(batch.columns.enumerated().map { index, column in
                ValueFormatter.text(column.value(at: row), type: schema.fields[index].type) ?? (layout == .textTable ? "NULL" : "")
            })
            return ""
        case .box:
            box!.add(batch, row: row)
            return ""
        case .lines:
            return lineRecord(batch, row)
        }
    }

    mutating func footer() -> String {
        switch layout {
        case .csv, .ndjson, .lines: return ""
        case .json: return rowCount == 0 ? "]\n" : "\n]\n"
        case .textTable: return table()
        case .markdown: return markdown()
        case .box:
            let (text, shown) = box!.render()
            self.shown = shown
            return text
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

    /// One row in line mode: the names right-aligned, then ` = ` and the value (NULL as `NULL`).
    private func lineRecord(_ batch: Batch, _ row: Int) -> String {
        let width = schema.names.map(TerminalText.width).max() ?? 0
        var text = rowCount == 0 ? "" : "\n"
        for (index, column) in batch.columns.enumerated() {
            let name = TerminalText.padded(schema.fields[index].name, toWidth: width, rightAligned: true)
            text += name + " = " + (ValueFormatter.text(column.value(at: row), type: schema.fields[index].type) ?? "NULL") + "\n"
        }
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
