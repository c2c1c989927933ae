// `strata cat FILE`: the rows of a Parquet file as a table, CSV (the design contract's format) or JSON.
import ArgumentParser
import Foundation
import StrataCore
import StrataFormats

public struct CatCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print the rows of a Parquet file.",
        discussion: """
            Examples:
              strata cat --limit 20 lake/silver/events/event_date=2024-03-01/part-0.parquet
              strata cat --format csv --columns id,amount part-0.parquet > part-0.csv
            """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case table, csv, json

        var output: OutputFormat {
            switch self {
            case .table: return .table
            case .csv: return .csv
            case .json: return .json
            }
        }
    }

    @Argument(help: "The Parquet file.", completion: .file(extensions: ["parquet"]))
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
            var printer = RowPrinter(format: format.output, schema: schema, terminal: output.terminal)
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
