// Test data: named, typed columns of values, turned into batches that mix every column storage (plain,
// dictionary, constant) so operators meet them all, and written as CSV for DuckDB to read.
import StrataTestSupport
import Foundation
import StrataCore
import StrataExecution

struct TestTable {
    var name: String
    var columns: [(name: String, type: DataType)]
    /// Row-major values, one array per row.
    var rows: [[Value]]

    var types: [DataType] { columns.map(\.type) }

    /// `count` rows from `generate(row, column, random)`.
    static func generate(
        _ name: String, _ columns: [(String, DataType)], count: Int, seed: UInt64,
        _ generate: (Int, Int, inout SeededRandom) -> Value
    ) -> TestTable {
        var random = SeededRandom(seed: seed)
        var rows: [[Value]] = []
        for row in 0..<count {
            rows.append((0..<columns.count).map { generate(row, $0, &random) })
        }
        return TestTable(name: name, columns: columns.map { (name: $0.0, type: $0.1) }, rows: rows)
    }

    /// The rows as batches of `batchSize`; batch i stores its columns plain, as a dictionary, or (when a
    /// column's values in the batch are all equal) as a constant, in turn.
    func batches(batchSize: Int) -> [Batch] {
        var batches: [Batch] = []
        var start = 0
        var index = 0
        while start < rows.count {
            let end = min(start + batchSize, rows.count)
            let columns = self.columns.enumerated().map { column, spec -> Column in
                let values = rows[start..<end].map { $0[column] }
                return TestTable.column(spec.type, Array(values), storage: (index + column) % 3)
            }
            batches.append(Batch(columns: columns, count: end - start))
            start = end
            index += 1
        }
        return batches
    }

    static func column(_ type: DataType, _ values: [Value], storage: Int) -> Column {
        if storage == 2, let first = values.first, values.allSatisfy({ $0 == first }) {
            return Column.constant(first, type, count: values.count)
        }
        if storage == 1 {
            var distinct: [Value] = []
            var positions: [Value: Int32] = [:]
            var indices: [Int32] = []
            let validity = Bitmap(count: values.count, allSet: true)
            for (row, value) in values.enumerated() {
                if value.isNull {
                    validity.clear(row)
                    indices.append(0)
                    continue
                }
                if let position = positions[value] {
                    indices.append(position)
                } else {
                    positions[value] = Int32(distinct.count)
                    indices.append(Int32(distinct.count))
                    distinct.append(value)
                }
            }
            if distinct.isEmpty { return Column.build(type, values) }
            let hasNulls = values.contains(where: \.isNull)
            return Column(
                type: type, count: values.count, validity: hasNulls ? validity : nil,
                storage: .dictionary(indices: Buffer(indices), dictionary: Column.build(type, distinct)))
        }
        return Column.build(type, values)
    }

    /// An operator producing the table's rows in batches of `batchSize`.
    func source(batchSize: Int = 100) throws -> BatchSourceOperator {
        try BatchSourceOperator(types: types, batches: batches(batchSize: batchSize))
    }

    /// DuckDB's name for a type.
    static func duckDBType(_ type: DataType) -> String {
        switch type {
        case .varbinary: return "BLOB"
        case .real: return "FLOAT"
        default: return type.sqlName
        }
    }

    /// The table as CSV: a header, then NULL as an empty field and every string quoted (so an empty
    /// string is `""`, not NULL).
    var csv: String {
        var text = columns.map(\.name).joined(separator: ",") + "\n"
        for row in rows {
            let fields = zip(row, columns).map { value, column -> String in
                guard let field = ValueFormatter.text(value, type: column.type) else { return "" }
                if column.type == .varchar { return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                return field
            }
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }
}

