// `strata run FILE.sql`: a script of statements, run in order, stopping at the first error.
import ArgumentParser
import Foundation
import StrataLake
import StrataSQL

public struct RunCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a SQL script, statement by statement, stopping at the first error.",
        discussion: """
            Examples:
              strata run reports/weekly.sql
              strata run --lake s3://data-lake --format csv checks.sql > checks.csv
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Option(help: "Output format: table, csv, json, ndjson or markdown.")
    var format: OutputFormat = .table

    @Argument(help: "The SQL script.", completion: .file(extensions: ["sql"]))
    var file: String

    public init() {}

    public func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            CommandFailure.warn("cannot read \(file)")
            throw ExitCode.failure
        }
        let text = String(decoding: data, as: UTF8.self)
        try CommandFailure.reporting(source: text) {
            let statements = try SQLParser.parse(text)
            let session = try lakeOptions.makeSession()
            var runner = try StatementRunner(session: session, format: format, output: OutputWriter())
            for statement in statements {
                do {
                    try runner.run(statement)
                } catch {
                    let line = SourceLocation(offset: statement.range.lowerBound, in: Array(text.utf8)).line
                    CommandFailure.warn("\(file): the statement at line \(line) failed:")
                    throw error
                }
            }
        }
    }
}
