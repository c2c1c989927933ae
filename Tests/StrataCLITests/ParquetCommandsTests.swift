// `strata inspect` and `strata cat`, run as the built executable.
import Foundation
import StrataTestSupport
import Testing

@Suite struct ParquetCommandsTests {
    static var strata: String { StrataExecutable.path }

    static func sample(in folder: TemporaryDirectory) throws -> String {
        let path = folder.file("sample.parquet")
        try Python.run("""
            import sys, datetime, decimal, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({
              'id': pa.array([1, 2, 3], pa.int64()),
              'name': pa.array(['plain', 'with, comma', None]),
              'quote': pa.array(['say "hi"', ' padded', 'line\\nbreak']),
              'day': pa.array([datetime.date(2024, 3, 1), None, datetime.date(1999, 12, 31)]),
              'at': pa.array([datetime.datetime(2024, 3, 1, 12, 0, 0), datetime.datetime(2024, 3, 1, 12, 0, 0, 250000), None], pa.timestamp('us')),
              'amount': pa.array([decimal.Decimal('1.50'), decimal.Decimal('-0.05'), None], pa.decimal128(10, 2)),
              'ratio': pa.array([0.1, None, 2.5]),
              'tags': pa.array([['a'], [], None]),
            })
            pq.write_table(t, sys.argv[1], write_page_index=True, bloom_filter_options={'id': {'ndv': 10}})
            """, arguments: [path])
        return path
    }

    @Test func catPrintsTheCSVContract() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.sample(in: folder)
        let result = try Subprocess.capture(Self.strata, ["cat", path, "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.standardOutput == #"""
            id,name,quote,day,at,amount,ratio
            1,plain,"say ""hi""",2024-03-01,2024-03-01 12:00:00,1.50,0.1
            2,"with, comma"," padded",,2024-03-01 12:00:00.250000,-0.05,
            3,,"line
            break",1999-12-31,,,2.5

            """#)
        #expect(result.standardError.contains("skipping column 'tags' (LIST)"))
    }

    @Test func catSelectsColumnsAndLimits() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.sample(in: folder)
        let csv = try Subprocess.run(Self.strata, ["cat", path, "--format", "csv", "--columns", "amount,id", "--limit", "2"])
        #expect(csv == "amount,id\n1.50,1\n-0.05,2\n")
        let json = try Subprocess.run(Self.strata, ["cat", path, "--format", "json", "--columns", "id,name,day", "--limit", "2"])
        let rows = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["id"] as? Int == 1)
        #expect(rows[1]["name"] as? String == "with, comma")
        #expect(rows[1]["day"] is NSNull)
        let table = try Subprocess.run(Self.strata, ["cat", path, "--columns", "id,name"])
        #expect(table.contains("NULL"))
        #expect(table.contains("(3 rows)"))
    }

    @Test func catFailsClearly() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.sample(in: folder)
        let nested = try Subprocess.capture(Self.strata, ["cat", path, "--columns", "tags"])
        #expect(nested.status != 0)
        #expect(nested.standardError.contains("'tags'") && nested.standardError.contains("not supported yet"))
        try Data("not parquet at all".utf8).write(to: URL(fileURLWithPath: folder.file("bad.parquet")))
        let bad = try Subprocess.capture(Self.strata, ["cat", folder.file("bad.parquet")])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("bad.parquet") && bad.standardError.contains("PAR1"))
        #expect(bad.standardError.split(separator: "\n").count == 1)
    }

    @Test func inspectDescribesTheFile() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.sample(in: folder)
        let text = try Subprocess.run(Self.strata, ["inspect", path])
        #expect(text.contains("rows: 3 in 1 row group"))
        #expect(text.contains("amount  FIXED_LEN_BYTE_ARRAY(5)  OPTIONAL  logical DECIMAL(10,2)  converted DECIMAL  → DECIMAL(10,2)"))
        #expect(text.contains("→ not readable"))
        #expect(text.contains("statistics: min 1, max 3, nulls 0"))
        #expect(text.contains("page index: column index at"))
        #expect(text.contains("bloom filter: at"))
        #expect(text.contains("codec SNAPPY"))

        let json = try Subprocess.run(Self.strata, ["inspect", path, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["rows"] as? Int == 3)
        let groups = try #require(object["row_groups"] as? [[String: Any]])
        let columns = try #require(groups.first?["columns"] as? [[String: Any]])
        let id = try #require(columns.first)
        #expect(id["codec"] as? String == "SNAPPY")
        #expect((id["statistics"] as? [String: Any])?["max_value"] as? Int == 3)
        #expect(id["bloom_filter"] is [String: Any])
        #expect(id["column_index"] is [String: Any])
        let schema = try #require(object["schema"] as? [[String: Any]])
        #expect(schema.contains { $0["name"] as? String == "at" && $0["engine_type"] as? String == "TIMESTAMP" })
    }
}
