// Lakes with the problems lake operations fix, written by pyarrow: many tiny files, drifted columns,
// files without statistics, empty partitions. DuckDB reads them back as the oracle.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
@testable import StrataLake

/// One Parquet file to write: rows `start..<start+rows` of the columns named, as pyarrow writes them.
struct FixtureFile: Encodable {
    var path: String
    var rows: Int
    var start = 0
    /// `name:type` with type int32, int64, double, string.
    var columns = ["id:int64", "amount:double", "label:string"]
    var statistics = true
    var rowGroupSize: Int?
    var pageIndex = false

    enum CodingKeys: String, CodingKey {
        case path, rows, start, columns, statistics, rowGroupSize = "row_group_size", pageIndex = "page_index"
    }
}

enum OperationsFixture {
    static let writer = """
        import json, sys, os
        import pyarrow as pa, pyarrow.parquet as pq
        root = sys.argv[1]
        for spec in json.loads(sys.stdin.read()):
            ids = list(range(spec["start"], spec["start"] + spec["rows"]))
            arrays, names = [], []
            for column in spec["columns"]:
                name, kind = column.split(":")
                if kind == "int64": arrays.append(pa.array(ids, pa.int64()))
                elif kind == "int32": arrays.append(pa.array(ids, pa.int32()))
                elif kind == "double": arrays.append(pa.array([i * 0.25 for i in ids], pa.float64()))
                elif kind == "string": arrays.append(pa.array([None if i % 7 == 0 else f"l{i % 13}" for i in ids], pa.string()))
                elif kind == "random": arrays.append(pa.array([float((i * 2654435761) % 1000003) / 7 for i in ids], pa.float64()))
                names.append(name)
            path = os.path.join(root, spec["path"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            pq.write_table(pa.table(arrays, names=names), path, write_statistics=spec["statistics"],
                           row_group_size=spec.get("row_group_size"), write_page_index=spec["page_index"])
        """

    /// Writes `files` below `root` in one Python run.
    static func write(_ files: [FixtureFile], under root: String) throws {
        let specification = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
        try Subprocess.run("/usr/bin/env", ["python3", "-c", writer, root], input: specification)
    }

    /// `count` files of `rows` rows in each `event_date` partition of `table` (a folder of the lake).
    static func daily(
        _ table: String, days: [String], filesPerDay: Int, rows: Int = 10, columns: [String] = ["id:int64", "amount:double", "label:string"]
    ) -> [FixtureFile] {
        days.enumerated().flatMap { dayIndex, day in
            (0..<filesPerDay).map { file in
                FixtureFile(
                    path: "\(table)/event_date=\(day)/part-\(file).parquet", rows: rows, start: (dayIndex * filesPerDay + file) * rows,
                    columns: columns)
            }
        }
    }

    /// The rows of `sql` in DuckDB over the Parquet files of `glob` (as view `t`), as sorted lines.
    static func duckdbRows(_ glob: String, _ sql: String) throws -> [String] {
        let script = """
            import sys, duckdb
            con = duckdb.connect()
            con.execute("SET TimeZone = 'UTC'")
            con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{sys.argv[1]}', hive_partitioning = true, union_by_name = true)")
            for row in con.execute(sys.argv[2]).fetchall():
                print("|".join("NULL" if v is None else (f"{v:.6f}" if isinstance(v, float) else str(v)) for v in row))
            """
        return try Python.run(script, arguments: [glob, sql]).split(separator: "\n").map(String.init).sorted()
    }
}

extension WriteTestLake {
    /// The rows of `sql` in Strata, sorted, spelled as `duckdbRows` spells them.
    func sortedRows(_ sql: String) throws -> [String] {
        try run(sql).map { row in
            row.map { value -> String in
                switch value {
                case .null: return "NULL"
                case .double(let double): return String(format: "%.6f", double)
                case .date(let days): return ValueFormatter.text(value, type: .date) ?? "\(days)"
                default: return ValueFormatter.text(value, type: value.naturalType) ?? "NULL"
                }
            }.joined(separator: "|")
        }.sorted()
    }

    /// Data files below `prefix`.
    func parquetFiles(_ prefix: String) throws -> [String] {
        try files(prefix).filter { $0.hasSuffix(".parquet") }.sorted()
    }
}
