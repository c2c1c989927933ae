// Runs the statements of a script against a session and prints their results: what `strata query` and
// `strata run` share.
import Foundation
import StrataCore
import StrataLake
import StrataSQL

struct StatementRunner {
    let session: LakeSession
    let format: OutputFormat
    var output: OutputWriter
    /// Statistics summed over the statements run so far.
    private(set) var statistics = QueryStatistics()

    /// `--format parquet`: the file the result goes to (absolute).
    var parquetPath: String?

    init(session: LakeSession, format: OutputFormat, output: OutputWriter, parquetPath: String? = nil) throws {
        guard format != .parquet || parquetPath != nil else {
            throw CommandError("--format parquet needs --output FILE")
        }
        self.session = session
        self.format = format
        self.output = output
        self.parquetPath = parquetPath
    }

    /// Runs one statement and writes what it returns.
    mutating func run(_ statement: Statement) throws {
        switch try session.run(statement) {
        case .rows(let result) where format == .parquet:
            guard let path = parquetPath else { throw CommandError("--format parquet needs --output FILE") }
            parquetPath = nil  // one result per file
            _ = try result.writeParquet(to: path)
            add(result.statistics)
        case .rows(let result):
            var printer = RowPrinter(format: format, schema: Schema(result.schema), terminal: output.terminal)
            output.write(printer.header())
            while let batch = try result.next() {
                output.write(printer.rows(batch))
            }
            output.write(printer.footer())
            add(result.statistics)
            for warning in result.statistics.warnings {
                FileHandle.standardError.write(Data(("strata: warning: " + warning + "\n").utf8))
            }
        case .text(let text):
            output.write(text.hasSuffix("\n") ? text : text + "\n")
        case .message:
            break
        }
        output.flush()
    }

    private mutating func add(_ other: QueryStatistics) {
        statistics.filesListed += other.filesListed
        statistics.filesOpened += other.filesOpened
        statistics.filesScanned += other.filesScanned
        statistics.rowGroupsTotal += other.rowGroupsTotal
        statistics.rowGroupsScanned += other.rowGroupsScanned
        statistics.pagesTotal += other.pagesTotal
        statistics.pagesScanned += other.pagesScanned
        statistics.bytesRead += other.bytesRead
        statistics.requests += other.requests
        statistics.rowsScanned += other.rowsScanned
        statistics.elapsedMilliseconds += other.elapsedMilliseconds
        statistics.partitionsTotal += other.partitionsTotal
        statistics.partitionsScanned += other.partitionsScanned
    }
}
