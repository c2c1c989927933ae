// The lake the differential tests query, generated once per test run by `make_lake.py` (pyarrow, DuckDB
// and polars writers), and DuckDB's answers to every query, computed once by `run_duckdb.py`.
import Foundation
import StrataCore
import StrataLake
import StrataSQL
import StrataStorage
import StrataTestSupport

final class DifferentialLake: @unchecked Sendable {
    let folder: TemporaryDirectory
    var path: String { folder.path + "/lake" }
    /// DuckDB's result per query SQL: rows of text, or its error.
    let duckdbResults: [String: Result<[[String?]], DuckDBError>]

    struct DuckDBError: Error, CustomStringConvertible {
        let description: String
    }

    static let shared: Result<DifferentialLake, Error> = Result { try DifferentialLake(queries: DifferentialQueries.all) }

    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    init(queries: [DifferentialQuery]) throws {
        folder = try TemporaryDirectory("strata-differential")
        try Subprocess.run("/usr/bin/env", ["python3", DifferentialLake.scripts.appendingPathComponent("make_lake.py").path, folder.path + "/lake"])
        let sqls = queries.map(\.duckdbSQL)
        let queriesFile = folder.file("queries.json")
        try JSONSerialization.data(withJSONObject: sqls).write(to: URL(fileURLWithPath: queriesFile))
        let output = try Subprocess.run(
            "/usr/bin/env", ["python3", DifferentialLake.scripts.appendingPathComponent("run_duckdb.py").path, folder.path + "/lake", queriesFile])
        guard let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]], decoded.count == sqls.count else {
            throw DuckDBError(description: "run_duckdb.py printed an unexpected result")
        }
        var results: [String: Result<[[String?]], DuckDBError>] = [:]
        for (query, entry) in zip(queries, decoded) {
            if let error = entry["error"] as? String {
                results[query.sql] = .failure(DuckDBError(description: error))
            } else {
                let rows = (entry["rows"] as? [[Any]] ?? []).map { row in row.map { $0 as? String } }
                results[query.sql] = .success(rows)
            }
        }
        duckdbResults = results
    }

    /// Strata's rows for `sql`, as text in the CSV contract's spelling.
    func strataRows(_ sql: String) throws -> [[String?]] {
        let session = try LakeSession(location: .local(path: path))
        let statement = try SQLParser.parseStatement(sql)
        guard case .rows(let result) = try session.run(statement) else { return [] }
        var rows: [[String?]] = []
        while let batch = try result.next() {
            for row in 0..<batch.count {
                rows.append(batch.columns.enumerated().map { index, column in
                    ValueFormatter.text(column.value(at: row), type: result.schema[index].type)
                })
            }
        }
        return rows
    }
}

/// Compares two results: same row count; cells equal as text, or as numbers within a relative 1e-9
/// (floating-point sums depend on the order of addition); rows sorted first unless the order is defined.
enum ResultComparison {
    static func difference(strata: [[String?]], duckdb: [[String?]], ordered: Bool) -> String? {
        guard strata.count == duckdb.count else {
            return "Strata returned \(strata.count) rows, DuckDB \(duckdb.count)\nStrata: \(preview(strata))\nDuckDB: \(preview(duckdb))"
        }
        let left = ordered ? strata : sorted(strata)
        let right = ordered ? duckdb : sorted(duckdb)
        for (index, (a, b)) in zip(left, right).enumerated() {
            guard a.count == b.count else { return "row \(index): Strata has \(a.count) columns, DuckDB \(b.count)" }
            for (column, (x, y)) in zip(a, b).enumerated() where !same(x, y) {
                return "row \(index), column \(column + 1): Strata \(x ?? "NULL"), DuckDB \(y ?? "NULL")\nStrata row: \(a)\nDuckDB row: \(b)"
            }
        }
        return nil
    }

    static func same(_ a: String?, _ b: String?) -> Bool {
        if a == b { return true }
        guard let a, let b, let x = Double(a), let y = Double(b) else { return false }
        if x == y { return true }
        return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
    }

    static func sorted(_ rows: [[String?]]) -> [[String?]] {
        rows.sorted { l, r in
            for (x, y) in zip(l, r) where x != y {
                guard let x else { return true }
                guard let y else { return false }
                if let a = Double(x), let b = Double(y) { return a < b }
                return x < y
            }
            return false
        }
    }

    static func preview(_ rows: [[String?]]) -> String {
        rows.prefix(5).map { "\($0)" }.joined(separator: "; ") + (rows.count > 5 ? "; ..." : "")
    }
}
