// `strata query "SQL"`: one-shot queries, Athena-style, exactly as the design contract describes.
import ArgumentParser
import Foundation
import StrataLake
import StrataSQL

public struct QueryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run SQL against the lake and print the result.",
        discussion: """
            Examples:
              strata query "SELECT event_date, count(*) FROM silver.events GROUP BY 1 ORDER BY 1"
              strata query --lake s3://data-lake --format csv --output daily.csv "SELECT * FROM gold.daily_revenue"
              echo "SHOW TABLES" | strata query -
              strata query --stats-json stats.json "SELECT * FROM silver.events WHERE event_date = DATE '2024-03-01'"
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Option(help: "Output format: table, csv, json, ndjson, markdown, or parquet (with --output).")
    var format: OutputFormat = .table

    @Option(help: "Write the result to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("stats-json"), help: "Write the statement's scan statistics to this file as JSON.")
    var statsJSON: String?

    // Captures whatever is not an option, so SQL may start with `--` (a comment) or `-`.
    @Argument(parsing: .allUnrecognized, help: "The SQL to run; - reads it from standard input.")
    var sql: [String] = []

    public init() {}

    public func run() throws {
        guard !sql.isEmpty else {
            throw ValidationError("give the SQL to run, or - to read it from standard input")
        }
        let joined = sql.joined(separator: " ")
        let text = joined == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : joined
        try CommandFailure.reporting(source: text) {
            let statements = try SQLParser.parse(text)
            guard !statements.isEmpty else { throw CommandError("no SQL statement given") }
            let session = try lakeOptions.makeSession()
            var runner: StatementRunner
            if format == .parquet {
                guard let output else { throw CommandError("--format parquet needs --output FILE") }
                let path = output.hasPrefix("/") || output.hasPrefix("s3://") ? output : FileManager.default.currentDirectoryPath + "/" + output
                runner = try StatementRunner(session: session, format: format, output: OutputWriter(), parquetPath: path)
            } else {
                let writer = try output.map(OutputWriter.init(path:)) ?? OutputWriter()
                runner = try StatementRunner(session: session, format: format, output: writer)
            }
            for statement in statements {
                try runner.run(statement)
            }
            if let statsJSON {
                guard FileManager.default.createFile(atPath: statsJSON, contents: Data((runner.statistics.json + "\n").utf8)) else {
                    throw CommandError("cannot write \(statsJSON)")
                }
            }
        }
    }
}
