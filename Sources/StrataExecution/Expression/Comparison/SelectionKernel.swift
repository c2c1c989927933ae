// Filters of the form `column op constant`, the bulk of WHERE clauses, straight from the input column to
// the positions that pass: no boolean column in between, no copy of the column for a narrowed scope (the
// scope's rows are read in place), and a dictionary column is compared once per entry.
import StrataCore
import StrataPlanner

enum SelectionKernel {
    /// Positions of the scope where `column op value` is TRUE, or nil when this path does not apply (the
    /// caller then evaluates the comparison the general way).
    static func select(
        _ column: Column, rows: [Int32]?, count: Int, _ op: ComparisonOperator, _ value: Value
    ) -> [Int32]? {
        switch op {
        case .isDistinctFrom, .isNotDistinctFrom: return nil
        default: break
        }
        if value.isNull { return [] }
        let constant = Column.build(column.type, [value])
        switch column.storage {
        case .constant(let single):
            guard let hit = select(single.flattened(), rows: nil, count: 1, op, value) else { return nil }
            return hit.isEmpty ? [] : Array(0..<Int32(count))
        case .dictionary(let indices, let dictionary):
            // Decide each entry once, then pick rows by index.
            guard let entries = select(dictionary.flattened(), rows: nil, count: dictionary.count, op, value) else { return nil }
            var passes = [Bool](repeating: false, count: dictionary.count)
            for entry in entries { passes[Int(entry)] = true }
            let index = indices.baseAddress.assumingMemoryBound(to: Int32.self)
            let validity = column.validity
            return collect(count) { position in
                let row = Int(rows?[position] ?? Int32(position))
                return (validity?.isSet(row) ?? true) && passes[Int(index[row])]
            }
        case .fixedWidth:
            switch column.type {
            case .boolean: return fixed(column, rows, count, op, constant, UInt8.self)
            case .tinyint: return fixed(column, rows, count, op, constant, Int8.self)
            case .smallint: return fixed(column, rows, count, op, constant, Int16.self)
            case .integer, .date: return fixed(column, rows, count, op, constant, Int32.self)
            case .bigint, .time, .timestamp: return fixed(column, rows, count, op, constant, Int64.self)
            case .real: return fixed(column, rows, count, op, constant, Float.self)
            case .double: return fixed(column, rows, count, op, constant, Double.self)
            case .decimal: return fixed(column, rows, count, op, constant, Int128.self)
            default: return nil
            }
        case .variableWidth:
            let strings = KernelArgument(column).strings()
            let needle = KernelArgument(constant).strings()[0]
            let validity = column.validity
            let test: (UnsafeBufferPointer<UInt8>) -> Bool
            switch op {
            case .equal: test = { ByteString.equal($0, needle) }
            case .notEqual: test = { !ByteString.equal($0, needle) }
            case .less: test = { ByteString.compare($0, needle) < 0 }
            case .lessOrEqual: test = { ByteString.compare($0, needle) <= 0 }
            case .greater: test = { ByteString.compare($0, needle) > 0 }
            default: test = { ByteString.compare($0, needle) >= 0 }
            }
            return collect(count) { position in
                let row = Int(rows?[position] ?? Int32(position))
                return (validity?.isSet(row) ?? true) && test(strings[row])
            }
        }
    }

    @inline(__always)
    private static func collect(_ count: Int, _ passes: (Int) -> Bool) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            var written = 0
            for position in 0..<count {
                buffer[written] = Int32(truncatingIfNeeded: position)
                // A bit cast, not a branch: selectivity near 50% would mispredict half the time.
                written &+= Int(unsafeBitCast(passes(position), to: UInt8.self))
            }
            initialized = written
        }
    }

    private static func fixed<T: Comparable & BitwiseCopyable>(
        _ column: Column, _ rows: [Int32]?, _ count: Int, _ op: ComparisonOperator, _ constant: Column, _: T.Type
    ) -> [Int32] {
        let values = column.fixedValues(as: T.self)
        let value = constant.fixedValues(as: T.self)[0]
        switch op {
        case .equal: return loop(values, column.validity, rows, count) { $0 == value }
        case .notEqual: return loop(values, column.validity, rows, count) { $0 != value }
        case .less: return loop(values, column.validity, rows, count) { $0 < value }
        case .lessOrEqual: return loop(values, column.validity, rows, count) { $0 <= value }
        case .greater: return loop(values, column.validity, rows, count) { $0 > value }
        default: return loop(values, column.validity, rows, count) { $0 >= value }
        }
    }

    @inline(__always)
    private static func loop<T>(
        _ values: UnsafeBufferPointer<T>, _ validity: Bitmap?, _ rows: [Int32]?, _ count: Int, _ test: (T) -> Bool
    ) -> [Int32] {
        switch (rows, validity) {
        case (nil, nil):
            return collect(count) { test(values[$0]) }
        case (nil, let validity?):
            return collect(count) { validity.isSet($0) && test(values[$0]) }
        case (let rows?, nil):
            return rows.withUnsafeBufferPointer { rows in collect(count) { test(values[Int(rows[$0])]) } }
        case (let rows?, let validity?):
            return rows.withUnsafeBufferPointer { rows in
                collect(count) { validity.isSet(Int(rows[$0])) && test(values[Int(rows[$0])]) }
            }
        }
    }
}
