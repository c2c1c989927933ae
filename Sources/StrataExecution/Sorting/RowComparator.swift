// Compares a row of one batch with a row of another on the sort keys, in exactly the order
// NormalizedSortKeys gives rows within one batch: NULLs first or last whatever the direction, floats with
// NaN above every number and -0 equal to 0, intervals by months then their exact duration, strings by
// bytes. The merge of sorted runs needs this because normalized keys are laid out per batch.
import StrataCore

struct RowComparator {
    let directions: [SortDirection]

    /// How row `a` of `left` (one view per key) orders against row `b` of `right`: negative, zero or positive.
    func compare(_ left: [ColumnView], _ a: Int, _ right: [ColumnView], _ b: Int) -> Int {
        for (index, direction) in directions.enumerated() {
            let leftNull = left[index].isNull(a)
            let rightNull = right[index].isNull(b)
            if leftNull || rightNull {
                if leftNull && rightNull { continue }
                return leftNull == direction.nullsFirst ? -1 : 1
            }
            let order = RowComparator.compareValues(left[index], a, right[index], b)
            if order != 0 { return direction.ascending ? order : -order }
        }
        return 0
    }

    /// How two present values of the same type order, ascending.
    static func compareValues(_ left: ColumnView, _ a: Int, _ right: ColumnView, _ b: Int) -> Int {
        func ordered<T: Comparable>(_ type: T.Type) -> Int {
            let x = left.typed(T.self)[a]
            let y = right.typed(T.self)[b]
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        func floating<T: BinaryFloatingPoint>(_ type: T.Type) -> Int {
            let x = left.typed(T.self)[a]
            let y = right.typed(T.self)[b]
            if x == y || (x.isNaN && y.isNaN) { return 0 }
            if x.isNaN { return 1 }
            if y.isNaN { return -1 }
            return x < y ? -1 : 1
        }
        switch left.type {
        case .boolean:
            let x = left.typed(UInt8.self)[a] != 0
            let y = right.typed(UInt8.self)[b] != 0
            return x == y ? 0 : (x ? 1 : -1)
        case .tinyint: return ordered(Int8.self)
        case .smallint: return ordered(Int16.self)
        case .integer, .date: return ordered(Int32.self)
        case .bigint, .time, .timestamp: return ordered(Int64.self)
        case .decimal: return ordered(Int128.self)
        case .real: return floating(Float.self)
        case .double: return floating(Double.self)
        case .interval:
            let x = left.typed(Interval.self)[a]
            let y = right.typed(Interval.self)[b]
            if x.months != y.months { return x.months < y.months ? -1 : 1 }
            let first = Int128(x.days) * Int128(Time.microsecondsPerDay) + Int128(x.microseconds)
            let second = Int128(y.days) * Int128(Time.microsecondsPerDay) + Int128(y.microseconds)
            return first < second ? -1 : (first == second ? 0 : 1)
        case .varchar, .varbinary:
            let x = left.bytes(at: a)
            let y = right.bytes(at: b)
            return GroupValueStore.compareBytes(x.baseAddress, x.count, y.baseAddress, y.count)
        case .unknown:
            return 0
        }
    }
}
