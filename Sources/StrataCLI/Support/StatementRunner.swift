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

    init(session: LakeSession, format: OutputFormat, output: OutputWriter) throws {
        guard format != .parquet else {
            throw CommandError("--format parquet needs the Parquet writer, which is not available yet; use csv, json or ndjson")
        }
        self.session = session
        self.format = format
        self.output = output
    }

    /// Runs one statement and writes what it returns.
    mutating func run(_ statement: Statement) throws {
        switch try session.run(statement) {
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
