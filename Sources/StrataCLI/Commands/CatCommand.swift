// `strata cat FILE`: the rows of a Parquet file as a table, CSV (the design contract's format) or JSON.
import ArgumentParser
import Foundation
import StrataCore
import StrataFormats

public struct CatCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print the rows of a Parquet file.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case table, csv, json
    }

    @Argument(help: "The Parquet file.")
    var file: String

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    @Option(help: "Comma-separated column names (default: every column Strata can read).")
    var columns: String?

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    public init() {}

    public func run() throws {
        try CommandFailure.reporting {
            let parquet = try ParquetFile.open(path: file)
            let indices = try selectedColumns(parquet)
            let reader = parquet.makeBatchReader(
                columns: indices, batchSize: Swift.min(limit ?? Int.max, parquet.options.batchSize))
            let schema = reader.schema
            var output = OutputWriter()
            var printer = RowPrinter(format: format, schema: schema)
            output.write(printer.header())
            var remaining = limit ?? Int.max
            while remaining > 0, let batch = try reader.next() {
                let rows = Swift.min(batch.count, remaining)
                for row in 0..<rows { output.write(printer.row(batch, row)) }
                remaining -= rows
            }
            output.write(printer.footer())
            output.flush()
        }
    }

    private func selectedColumns(_ parquet: ParquetFile) throws(ParquetError) -> [Int] {
        if let columns {
            var indices: [Int] = []
            for name in columns.split(separator: ",") {
                indices.append(try parquet.schema.readableColumn(named: name.trimmingCharacters(in: .whitespaces)).index)
            }
            return indices
        }
        for field in parquet.schema.fields {
            let column = parquet.schema.columns[field.leaves].first
            if field.kind != .primitive {
                CommandFailure.warn("skipping column '\(field.name)' (\(field.kind.rawValue)): nested columns are not supported yet")
            } else if let column, column.dataType == nil {
                CommandFailure.warn("skipping column '\(field.name)': \(column.unsupportedReason ?? "cannot be read")")
            }
        }
        return parquet.schema.readableColumnIndices
    }
}

/// Formats rows one at a time in one of `cat`'s formats. Tables are buffered to size their columns.
struct RowPrinter {
    let format: CatCommand.Format
    let schema: Schema
    private var tableRows: [[String]] = []
    private var rowCount = 0

    init(format: CatCommand.Format, schema: Schema) {
        self.format = format
        self.schema = schema
    }

    func header() -> String {
        switch format {
        case .csv: return schema.names.map { CSVText.quoted($0) }.joined(separator: ",") + "\n"
        case .json: return "["
        case .table: return ""
        }
    }

    mutating func row(_ batch: Batch, _ row: Int) -> String {
        defer { rowCount += 1 }
        switch format {
        case .csv:
            return batch.columns.enumerated().map { index, column in
                ValueFormatter.text(column.value(at: row), type: schema.fields[index].type).map { CSVText.quoted($0) } ?? ""
            }.joined(separator: ",") + "\n"
        case .json:
            let members = batch.columns.enumerated().map { index, column in
                JSONText.quoted(schema.fields[index].name) + ":" + Self.json(column.value(at: row), type: schema.fields[index].type)
            }
            return (rowCount == 0 ? "\n" : ",\n") + "{" + members.joined(separator: ",") + "}"
        case .table:
            tableRows.append(batch.columns.enumerated().map { index, column in
                ValueFormatter.text(column.value(at: row), type: schema.fields[index].type) ?? "NULL"
            })
            return ""
        }
    }

    func footer() -> String {
        switch format {
        case .csv: return ""
        case .json: return rowCount == 0 ? "]\n" : "\n]\n"
        case .table: return table()
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
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Standard output, written in large pieces.
struct OutputWriter {
    private var pending = ""

    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(Data(pending.utf8))
        pending = ""
    }
}

/// How commands fail: one line on standard error and a non-zero exit.
enum CommandFailure {
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ParquetError {
            warn(error.description)
            throw ExitCode.failure
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("strata: " + message + "\n").utf8))
    }
}
