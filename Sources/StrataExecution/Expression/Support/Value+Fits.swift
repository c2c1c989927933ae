// Which column types can hold a literal value.
import StrataCore

extension Value {
    /// Whether a column of `type` can hold this value (the column builder traps otherwise).
    func fits(_ type: DataType) -> Bool {
        switch (self, type) {
        case (.null, _): return true
        case (.boolean, .boolean), (.real, .real), (.double, .double), (.decimal, .decimal), (.varchar, .varchar),
            (.varbinary, .varbinary), (.date, .date), (.time, .time), (.timestamp, .timestamp), (.interval, .interval):
            return true
        case (.integer(let value), .tinyint): return Int8(exactly: value) != nil
        case (.integer(let value), .smallint): return Int16(exactly: value) != nil
        case (.integer(let value), .integer): return Int32(exactly: value) != nil
        case (.integer, .bigint): return true
        default: return false
        }
    }
}
