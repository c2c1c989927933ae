// Asks DuckDB for the answer to the same SQL over the same data, for differential tests.
import Foundation
import StrataCore
import StrataTestSupport

enum DuckDBOracle {
    /// The result rows of each of `queries`, run over `tables` loaded from CSV with their exact types.
    static func query(_ queries: [String], tables: [TestTable]) throws -> [[[ResultCell]]] {
        let directory = try TemporaryDirectory("duckdb-oracle")
        var setup: [[String]] = []
        for table in tables {
            let path = directory.file(table.name + ".csv")
            try table.csv.write(toFile: path, atomically: true, encoding: .utf8)
            let types = table.columns.map { "'\($0.name)': '\(TestTable.duckDBType($0.type))'" }.joined(separator: ", ")
            setup.append([table.name, path, "{" + types + "}"])
        }
        let queriesPath = directory.file("queries.json")
        try JSONSerialization.data(withJSONObject: ["tables": setup, "queries": queries])
            .write(to: URL(fileURLWithPath: queriesPath))
        let script = """
            import duckdb, json, sys, math, decimal, datetime
            spec = json.load(open(sys.argv[1]))
            con = duckdb.connect()
            for name, path, types in spec["tables"]:
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header=true, columns={types}, allow_quoted_nulls=false, auto_detect=false)")
            def cell(v):
                if v is None: return None
                if isinstance(v, bool): return {"b": v}
                if isinstance(v, int): return {"i": str(v)}
                if isinstance(v, float): return {"f": repr(v)}
                if isinstance(v, datetime.datetime): return {"t": str(v)}
                if isinstance(v, datetime.date): return {"t": v.isoformat()}
                return {"t": str(v)}
            out = []
            for q in spec["queries"]:
                out.append([[cell(v) for v in row] for row in con.execute(q).fetchall()])
            print(json.dumps(out))
            """
        let output = try Python.run(script, arguments: [queriesPath])
        guard let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[Any]]] else {
            throw OracleError(message: "unexpected DuckDB output: \(output.prefix(200))")
        }
        return parsed.map { rows in rows.map { row in row.map(ResultCell.init(json:)) } }
    }

    struct OracleError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
