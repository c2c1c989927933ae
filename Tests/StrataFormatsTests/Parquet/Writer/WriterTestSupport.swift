// Helpers for the writer tests: deterministic sample columns of every engine type (nulls, extremes, NaN,
// -0.0, long and non-ASCII strings), writing batches to a file, reading them back with Strata's reader,
// and asking the Python oracles what they read.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
@testable import StrataFormats

enum WriterSamples {
    /// One field of every writable engine type.
    static let fields: [Field] = [
        Field("b", .boolean), Field("i8", .tinyint), Field("i16", .smallint), Field("i32", .integer), Field("i64", .bigint),
        Field("f32", .real), Field("f64", .double), Field("d9", .decimal(precision: 9, scale: 2)),
        Field("d18", .decimal(precision: 18, scale: 4)), Field("d20", .decimal(precision: 20, scale: 0)),
        Field("d38", .decimal(precision: 38, scale: 10)), Field("s", .varchar), Field("bin", .varbinary), Field("day", .date),
        Field("clock", .time), Field("ts", .timestamp), Field("n", .unknown),
    ]

    static var schema: Schema { Schema(fields) }

    /// Row `row` of the sample column `name`; `nullEvery` puts a null every so many rows (0 for none).
    static func value(_ name: String, _ row: Int, nullEvery: Int) -> Value {
        let salt = name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF
        if name == "n" || (nullEvery > 0 && (row &+ salt) % nullEvery == 0) { return .null }
        let mixed = Int64(truncatingIfNeeded: UInt64(row &+ 1) &* 0x9E37_79B9_7F4A_7C15 >> 11)
        switch name {
        case "b": return .boolean(row % 3 == 0)
        case "i8": return .integer(row == 1 ? -128 : row == 2 ? 127 : mixed % 100)
        case "i16": return .integer(row == 1 ? -32768 : Int64((row * 1237) % 30000) - 15000)
        case "i32": return .integer(row == 2 ? Int64(Int32.max) : Int64(Int32(truncatingIfNeeded: mixed)))
        case "i64": return .integer(row == 1 ? Int64.min : row == 2 ? Int64.max : mixed)
        case "f32":
            if row % 97 == 5 { return .real(.nan) }
            if row == 3 { return .real(-0.0) }
            return .real(Float(row % 1000) * 0.25 - 100)
        case "f64":
            if row % 89 == 6 { return .double(.nan) }
            if row == 4 { return .double(.infinity) }
            return .double(Double(mixed % 1_000_000) / 7)
        case "d9": return .decimal(row == 1 ? -999_999_999 : Int128(mixed % 999_999_999))
        case "d18": return .decimal(row == 2 ? 999_999_999_999_999_999 : Int128(mixed) % 999_999_999_999_999_999)
        case "d20": return .decimal(row == 1 ? -99_999_999_999_999_999_999 : Int128(mixed % 100_000_000_000_000_000) * 1000)
        case "d38":
            let big: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999_999
            return .decimal(row == 1 ? -big : row == 2 ? big : Int128(mixed) * 10_000_000_000_000_007 + Int128(row))
        case "s":
            switch row % 7 {
            case 0: return .varchar("")
            case 1: return .varchar("city \(row % 40)")
            case 2: return .varchar("日本語 \(row % 13) é")
            case 3: return .varchar("🙂 \(row % 5)")
            case 4: return .varchar("L" + String(repeating: "long text ", count: 30) + "\(row)")
            default: return .varchar("unique \(mixed)")
            }
        case "bin":
            return .varbinary(row % 5 == 0 ? [] : [UInt8(row % 256), 0xFF, 0, UInt8(truncatingIfNeeded: mixed)])
        case "day": return .date(Int32(row % 20000) - 10000)
        case "clock": return .time(Int64(row) * 1_234_567 % 86_400_000_000)
        case "ts": return .timestamp(Int64(row) * 3_600_000_123 - 1_000_000_000_000)
        default: fatalError("no sample column \(name)")
        }
    }

    /// A batch of rows `rows` of the sample columns for `fields`.
    static func batch(_ fields: [Field], rows: Range<Int>, nullEvery: Int = 11) -> Batch {
        let columns = fields.map { field -> Column in
            if field.type == .unknown { return Column.nulls(.unknown, count: rows.count) }
            var builder = ColumnBuilder(type: field.type, capacity: rows.count)
            for row in rows { builder.append(value(field.name, row, nullEvery: field.isNullable ? nullEvery : 0)) }
            return builder.finish()
        }
        return Batch(columns: columns, count: rows.count)
    }

    /// The canonical text of every sample value of a column, rows `0..<count`.
    static func expected(_ field: Field, count: Int, nullEvery: Int = 11) -> [String?] {
        (0..<count).map { canonicalText(value(field.name, $0, nullEvery: field.isNullable ? nullEvery : 0)) }
    }
}

enum WriterHarness {
    /// Writes `batches` to `name` in `folder` and returns the result.
    @discardableResult
    static func write(
        _ batches: [Batch], schema: Schema, to folder: TemporaryDirectory, name: String,
        options: ParquetWriterOptions = ParquetWriterOptions()
    ) throws -> ParquetWriteResult {
        let store = LocalObjectStore(root: folder.path)
        let writer = try ParquetWriter(store: store, key: name, schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        return try writer.close()
    }

    /// Every row of every column of the file as canonical text, read with Strata's reader.
    static func readBack(_ path: String, batchSize: Int = 65_536) throws -> [String: [String?]] {
        let file = try ParquetFile.open(path: path)
        return try ParquetFixtures.readAll(file, batchSize: batchSize).mapValues { $0.map(canonicalText) }
    }

    /// What pyarrow, DuckDB and friends read from each file (see `writer_oracle.py`).
    static func oracle(_ paths: [String]) throws -> [String: [String: Any]] {
        let output = try Python.run(try ParquetFixtures.script("writer_oracle.py"), arguments: paths)
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
        return object as? [String: [String: Any]] ?? [:]
    }

    /// The first mismatch between two lists of canonical values, for messages.
    static func difference(_ actual: [String?], _ expected: [String?]) -> String? {
        guard actual != expected else { return nil }
        let row = (0..<Swift.min(actual.count, expected.count)).first { actual[$0] != expected[$0] } ?? Swift.min(actual.count, expected.count)
        let got = row < actual.count ? String(describing: actual[row]).prefix(80) : "nothing"
        let want = row < expected.count ? String(describing: expected[row]).prefix(80) : "nothing"
        return "row \(row) is \(got), expected \(want) (\(actual.count) vs \(expected.count) rows)"
    }
}
