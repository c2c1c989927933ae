// Helpers for the Parquet tests: fixtures written by the Python oracles, and values in the canonical
// text form the oracle scripts print.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
@testable import StrataFormats

enum ParquetFixtures {
    /// A script in `Fixtures/`, next to this file.
    static func script(_ name: String) throws -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs a short pyarrow program with `path` as `sys.argv[1]` (the program imports what it needs).
    static func write(_ program: String, to path: String) throws {
        try Python.run(program, arguments: [path])
    }

    /// Every row of the readable columns of `file`, read in batches of `batchSize`.
    static func readAll(_ file: ParquetFile, batchSize: Int = 65_536) throws -> [String: [Value]] {
        let columns = file.schema.readableColumnIndices
        let reader = file.makeBatchReader(columns: columns, batchSize: batchSize)
        var values = [String: [Value]]()
        let names = columns.map { file.schema.columns[$0].name }
        for name in names { values[name] = [] }
        while let batch = try reader.next() {
            for (index, column) in batch.columns.enumerated() {
                values[names[index]]!.append(contentsOf: column.values)
            }
        }
        return values
    }
}

/// The canonical text of a value, as `interop_matrix.py` prints pyarrow's: floats by their bits,
/// decimals unscaled, dates as days, times and timestamps as microseconds, binaries in hex.
func canonicalText(_ value: Value) -> String? {
    switch value {
    case .null: return nil
    case .boolean(let v): return v ? "true" : "false"
    case .integer(let v): return String(v)
    case .real(let v): return v.isNaN ? "nan" : "f" + String(v.bitPattern, radix: 16)
    case .double(let v): return v.isNaN ? "nan" : "d" + String(v.bitPattern, radix: 16)
    case .decimal(let v): return String(v)
    case .varchar(let v): return v
    case .varbinary(let v): return v.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    case .date(let v): return String(v)
    case .time(let v), .timestamp(let v): return String(v)
    case .interval(let v): return "\(v.months)m\(v.days)d\(v.microseconds)us"
    }
}
