// Interop both ways: CSV and JSON files written by pyarrow, polars and DuckDB (plain, gzip, zstd) read by
// Strata and compared value by value with what DuckDB's `read_csv`/`read_json` returns for the same file.
// Known differences, checked here as such: DuckDB reads big JSON integers as HUGEINT where Strata keeps
// BIGINT (values are equal); nested JSON values are STRUCT/LIST there and their JSON text here.
import Foundation
import Testing
import StrataCore
import StrataStorage
import StrataTestSupport
@testable import StrataFormats

@Suite struct TextInteropTests {
    static let generator = #"""
import sys, json, random, struct, datetime, decimal
import duckdb, pyarrow as pa, pyarrow.csv as pacsv, polars as pl
folder = sys.argv[1]
random.seed(7)
n = 3000
def maybe(v, p=0.1):
    return None if random.random() < p else v
pieces = ['plain', 'with,comma', 'with "quote"', 'multi\nline', 'caf\u00e9', '\U0001F600', ' padded ', '', 'a\r\nb', 'tab\there', '\\back']
rows = []
base_ts = datetime.datetime(2024, 1, 1)
for i in range(n):
    rows.append({
        'id': i,
        'big': maybe(random.randint(-10**15, 10**15)),
        'ratio': maybe(random.choice([random.uniform(-1, 1) * 10 ** random.randint(-8, 12), 0.1, 1e-300, -0.0, 12.5])),
        'name': maybe(random.choice(pieces) + (str(i) if random.random() < 0.5 else '')),
        'flag': maybe(random.random() < 0.5),
        'day': maybe(datetime.date(2020, 1, 1) + datetime.timedelta(days=random.randint(0, 2000))),
        'at': maybe(base_ts + datetime.timedelta(microseconds=random.randint(0, 10**14))),
    })
schema = pa.schema([('id', pa.int64()), ('big', pa.int64()), ('ratio', pa.float64()), ('name', pa.string()),
                    ('flag', pa.bool_()), ('day', pa.date32()), ('at', pa.timestamp('us'))])
table = pa.Table.from_pylist(rows, schema=schema)
pacsv.write_csv(table, folder + '/pyarrow.csv')
df = pl.from_arrow(table)
df.write_csv(folder + '/polars.csv')
df.write_ndjson(folder + '/polars.ndjson')
con = duckdb.connect()
con.register('t', table)
con.execute(f"COPY t TO '{folder}/duckdb.csv' (FORMAT csv, HEADER)")
con.execute(f"COPY t TO '{folder}/duckdb.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)")
con.execute(f"COPY t TO '{folder}/duckdb.csv.zst' (FORMAT csv, HEADER, COMPRESSION zstd)")
con.execute(f"COPY t TO '{folder}/duckdb_semicolon.csv' (FORMAT csv, HEADER, DELIMITER ';')")
con.execute(f"COPY t TO '{folder}/duckdb.ndjson' (FORMAT json)")
con.execute(f"COPY t TO '{folder}/duckdb.json.gz' (FORMAT json, COMPRESSION gzip)")
con.execute(f"COPY t TO '{folder}/duckdb_array.json' (FORMAT json, ARRAY true)")
# Nested values, as events carry them.
con.execute(f"COPY (SELECT id, {{'sku': 'A' || id, 'qty': id % 5}} AS item, [id, id + 1] AS list FROM range(50) r(id)) TO '{folder}/nested.ndjson' (FORMAT json)")

def canonical(value, type_name):
    if value is None:
        return None
    t = type_name
    if t in ('BIGINT', 'INTEGER', 'HUGEINT', 'SMALLINT', 'TINYINT'):
        return str(value)
    if t == 'DOUBLE':
        if value != value:
            return 'nan'
        return str(struct.unpack('<q', struct.pack('<d', value))[0])
    if t == 'BOOLEAN':
        return 'true' if value else 'false'
    if t == 'DATE':
        return str((value - datetime.date(1970, 1, 1)).days)
    if t.startswith('TIMESTAMP'):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        delta = value - datetime.datetime(1970, 1, 1)
        return str(delta.days * 86400000000 + delta.seconds * 1000000 + delta.microseconds)
    if t == 'TIME':
        return str(((value.hour * 60 + value.minute) * 60 + value.second) * 1000000 + value.microsecond)
    return value if isinstance(value, str) else json.dumps(value)

def oracle(name, reader, options=''):
    path = folder + '/' + name
    relation = con.sql(f"SELECT * FROM {reader}('{path}'{options})")
    columns = relation.columns
    types = [str(t) for t in relation.types]
    # Nested values as their JSON text; TIMESTAMPTZ as UTC without needing pytz.
    select = []
    for c, t in zip(columns, types):
        q = '"' + c.replace('"', '""') + '"'
        if t.startswith('STRUCT') or t.endswith('[]') or t == 'JSON':
            select.append(f'to_json({q})::VARCHAR')
        elif t == 'TIMESTAMP WITH TIME ZONE':
            select.append(f"epoch_us({q})::VARCHAR")
        else:
            select.append(q)
    values = con.sql(f"SELECT {', '.join(select)} FROM {reader}('{path}'{options})").fetchall()
    out = []
    for row in values:
        out.append([
            (v if t == 'TIMESTAMP WITH TIME ZONE' else canonical(v, 'VARCHAR' if (t.startswith('STRUCT') or t.endswith('[]') or t == 'JSON') else t))
            for v, t in zip(row, types)])
    json.dump({'columns': [[c, t] for c, t in zip(columns, types)], 'rows': out}, open(path + '.oracle.json', 'w'))

for name in ['pyarrow.csv', 'polars.csv', 'duckdb.csv', 'duckdb.csv.gz', 'duckdb.csv.zst', 'duckdb_semicolon.csv']:
    oracle(name, 'read_csv', ', allow_quoted_nulls = false')
for name in ['polars.ndjson', 'duckdb.ndjson', 'duckdb.json.gz', 'duckdb_array.json', 'nested.ndjson']:
    oracle(name, 'read_json')
"""#

    struct Oracle {
        var columns: [(name: String, type: String)]
        var rows: [[String?]]
    }

    static func oracle(_ path: String) throws -> Oracle {
        let data = try Data(contentsOf: URL(fileURLWithPath: path + ".oracle.json"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let columns = (object["columns"] as! [[String]]).map { ($0[0], $0[1]) }
        let rows = (object["rows"] as! [[Any]]).map { row in row.map { $0 as? String } }
        return Oracle(columns: columns, rows: rows)
    }

    /// Strata's types that match a DuckDB type.
    static func matches(_ type: DataType, duckDB: String) -> Bool {
        switch duckDB {
        case "BIGINT": return type == .bigint
        case "HUGEINT": return type == .bigint || type == .decimal(precision: 38, scale: 0)
        case "DOUBLE": return type == .double
        case "BOOLEAN": return type == .boolean
        case "DATE": return type == .date
        case "TIME": return type == .time
        case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE": return type == .timestamp
        default: return type == .varchar
        }
    }

    /// A value as the oracle script writes it.
    static func canonical(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .decimal(let v): return String(v)
        case .double(let v): return v.isNaN ? "nan" : String(Int64(bitPattern: v.bitPattern))
        case .boolean(let v): return v ? "true" : "false"
        case .date(let v): return String(v)
        case .timestamp(let v), .time(let v): return String(v)
        case .varchar(let v): return v
        default: return "\(value)"
        }
    }

    @Test func filesFromOtherToolsReadAsDuckDBReadsThem() throws {
        let folder = try TemporaryDirectory()
        try Python.run(Self.generator, arguments: [folder.path])
        let store = LocalObjectStore(root: folder.path)
        let csvFiles = ["pyarrow.csv", "polars.csv", "duckdb.csv", "duckdb.csv.gz", "duckdb.csv.zst", "duckdb_semicolon.csv"]
        let jsonFiles = ["polars.ndjson", "duckdb.ndjson", "duckdb.json.gz", "duckdb_array.json", "nested.ndjson"]
        for name in csvFiles + jsonFiles {
            let expected = try Self.oracle(folder.file(name))
            let schema: Schema
            let values: [[Value]]
            if csvFiles.contains(name) {
                let reader = try CSVReader(store: store, key: name)
                schema = reader.schema
                values = rows(of: try reader.readAll())
            } else {
                let reader = try NDJSONReader(store: store, key: name)
                schema = reader.schema
                values = rows(of: try reader.readAll())
            }
            #expect(schema.names == expected.columns.map(\.name), "\(name)")
            for (field, column) in zip(schema.fields, expected.columns) {
                #expect(Self.matches(field.type, duckDB: column.type), "\(name): \(field.name) is \(field.type), DuckDB says \(column.type)")
            }
            #expect(values.count == expected.rows.count, "\(name)")
            var mismatches = 0
            for (index, (row, expectedRow)) in zip(values, expected.rows).enumerated() {
                let actual = row.map(Self.canonical)
                if actual != expectedRow {
                    mismatches += 1
                    if mismatches <= 3 { Issue.record("\(name) row \(index): \(actual) != \(expectedRow)") }
                }
            }
            #expect(mismatches == 0, "\(name)")
        }
    }
}
