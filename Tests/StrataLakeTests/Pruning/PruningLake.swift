// A small lake built for one pruning test: Parquet files written by Strata's writer (row groups, pages,
// bloom filters and dictionaries exactly as the test asks) or by pyarrow, and queries run with every
// pruning layer on and with all of them off, whose results must be the same.
import Foundation
import StrataCore
import StrataFormats
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

final class PruningLake {
    let folder: TemporaryDirectory
    let store: LocalObjectStore

    init() throws {
        folder = try TemporaryDirectory("strata-pruning")
        store = LocalObjectStore(root: folder.path)
    }

    var path: String { folder.path }

    /// Writes a Parquet file at `key` with `columns` (name, type, one value per row).
    func write(_ key: String, _ columns: [(String, DataType, [Value])], options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        let schema = Schema(columns.map { Field($0.0, $0.1) })
        let count = columns.first?.2.count ?? 0
        let batch = Batch(columns: columns.map { Column.build($0.1, $0.2) }, count: count)
        let writer = try ParquetWriter(store: store, key: key, schema: schema, options: options)
        try writer.write(batch)
        _ = try writer.close()
    }

    /// Writes an empty file (not Parquet) at `key`, for layouts whose files are never read.
    func touch(_ key: String) throws {
        try store.write(key, bytes: [0])
    }

    /// Runs a Python script with the lake's folder as its argument (pyarrow-written fixtures).
    func python(_ script: String) throws {
        _ = try Python.run(script, arguments: [path])
    }

    struct Run {
        var rows: [[String?]]
        var statistics: QueryStatistics
        var scans: [ScanCounters]

        /// The counters of the only scan (or the first).
        var scan: ScanCounters { scans[0] }
    }

    /// Runs `sql` (statements separated by `;`, the last one a query) with `pruning`.
    func run(_ sql: String, pruning: PruningOptions = PruningOptions()) throws -> Run {
        let session = try LakeSession(location: .local(path: path))
        session.settings.pruning = pruning
        let statements = try SQLParser.parse(sql)
        for statement in statements.dropLast() { _ = try session.run(statement) }
        guard let last = statements.last, case .rows(let result) = try session.run(last) else {
            throw LakeError("not a query: \(sql)")
        }
        var rows: [[String?]] = []
        while let batch = try result.next() {
            for row in 0..<batch.count {
                rows.append(batch.columns.enumerated().map { index, column in
                    ValueFormatter.text(column.value(at: row), type: result.schema[index].type)
                })
            }
        }
        return Run(rows: rows, statistics: result.statistics, scans: result.scanMetrics?.perScan ?? [])
    }

    /// Runs `sql` with every pruning layer on and again with all of them off, expects the same rows
    /// (in order when `ordered`), and returns the pruned run.
    @discardableResult
    func check(_ sql: String, ordered: Bool = false, pruning: PruningOptions = PruningOptions(), sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run {
        let pruned = try run(sql, pruning: pruning)
        let full = try run(sql, pruning: .none)
        let left = ordered ? pruned.rows : pruned.rows.sorted { "\($0)" < "\($1)" }
        let right = ordered ? full.rows : full.rows.sorted { "\($0)" < "\($1)" }
        #expect(left == right, "pruning changed the result of \(sql)", sourceLocation: sourceLocation)
        return pruned
    }

    /// The text of EXPLAIN (or EXPLAIN ANALYZE) `sql`.
    func explain(_ sql: String) throws -> String {
        let session = try LakeSession(location: .local(path: path))
        guard case .text(let text) = try session.run(try SQLParser.parseStatement(sql)) else { return "" }
        return text
    }
}

extension Array where Element == Value {
    /// Values `0..<count` made by `make`.
    static func series(_ count: Int, _ make: (Int) -> Value) -> [Value] { (0..<count).map(make) }
}
