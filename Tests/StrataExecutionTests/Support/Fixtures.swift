// Shared generated tables and helpers for the operator tests.
import StrataCore
import StrataExecution
import StrataPlanner

enum Fixtures {
    static func context(batchSize: Int = 256) -> ExecutionContext {
        ExecutionContext(batchSize: batchSize, parallelism: 2, statementTimestamp: 0)
    }

    /// A table with every kind of key and value: few distinct keys with NULLs, values with NULLs.
    /// Columns: k1 varchar, k2 integer, k3 date, v bigint, d double, dec decimal(12,2), b boolean, s varchar.
    static func mixed(_ name: String = "t", count: Int = 3000, seed: UInt64 = 1) -> TestTable {
        let words = ["alpha", "beta", "gamma", "delta", "", "épsilon", "zeta-long-string-value", "eta"]
        return TestTable.generate(
            name,
            [
                ("k1", .varchar), ("k2", .integer), ("k3", .date), ("v", .bigint), ("d", .double),
                ("dec", .decimal(precision: 12, scale: 2)), ("b", .boolean), ("s", .varchar),
            ],
            count: count, seed: seed
        ) { row, column, random in
            // Long runs of one value give the constant storage a chance in some batches.
            let run = (row / 300) % 4 == 3
            switch column {
            case 0: return random.chance(0.05) ? .null : .varchar(["a", "b", "c", "dd"][run ? 0 : random.int(0...3)])
            case 1: return random.chance(0.05) ? .null : .integer(Int64(random.int(-3...5)))
            case 2: return random.chance(0.1) ? .null : .date(Int32(19_000 + random.int(0...20)))
            case 3: return random.chance(0.1) ? .null : .integer(Int64(random.int(-1_000_000...1_000_000)))
            case 4: return random.chance(0.1) ? .null : .double(Double(random.int(-100_000...100_000)) / 7.0)
            case 5: return random.chance(0.1) ? .null : .decimal(Int128(random.int(-9_999_999...9_999_999)))
            case 6: return random.chance(0.1) ? .null : .boolean(random.chance(0.7))
            default: return random.chance(0.1) ? .null : .varchar(words[random.int(0...words.count - 1)])
            }
        }
    }

    static func column(_ table: TestTable, _ name: String) -> BoundExpression {
        let index = table.columns.firstIndex { $0.name == name }!
        return .column(index, table.columns[index].type)
    }
}
