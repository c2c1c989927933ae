// The non-null values of a slice of an engine column, converted to their physical form and packed densely:
// TINYINT/SMALLINT widened to INT32, decimals narrowed to INT32/INT64 (checked) or kept as Int128 for
// FIXED_LEN_BYTE_ARRAY, booleans normalized to 0/1, the rest copied. Reads plain and dictionary storage.
import StrataCore

/// Writes the non-null values of `rows` of a column densely to the target; returns how many.
typealias FixedValueGather<Value> = (Column, Range<Int>, UnsafeMutablePointer<Value>) throws(ParquetError) -> Int

enum FixedValueGathering {
    /// The gather for an engine type stored as `Value`.
    static func make<Value: ParquetFixedValue>(for type: DataType, as _: Value.Type, column name: String) -> FixedValueGather<Value> {
        switch type {
        case .boolean:
            return { (column, rows, target) throws(ParquetError) in
                try gather(column, rows, UInt8.self, target, name) { unsafeBitCast($0 != 0 ? UInt8(1) : 0, to: Value.self) }
            }
        case .tinyint:
            return { (column, rows, target) throws(ParquetError) in
                try gather(column, rows, Int8.self, target, name) { unsafeBitCast(Int32($0), to: Value.self) }
            }
        case .smallint:
            return { (column, rows, target) throws(ParquetError) in
                try gather(column, rows, Int16.self, target, name) { unsafeBitCast(Int32($0), to: Value.self) }
            }
        case .decimal(let precision, _) where precision <= 18:
            let narrow = precision <= 9
            return { (column, rows, target) throws(ParquetError) in
                var overflow = false
                let count: Int
                if narrow {
                    count = try gather(column, rows, Int128.self, target, name) { value in
                        let narrowed = Int32(truncatingIfNeeded: value)
                        if Int128(narrowed) != value { overflow = true }
                        return unsafeBitCast(narrowed, to: Value.self)
                    }
                } else {
                    count = try gather(column, rows, Int128.self, target, name) { value in
                        let narrowed = Int64(truncatingIfNeeded: value)
                        if Int128(narrowed) != value { overflow = true }
                        return unsafeBitCast(narrowed, to: Value.self)
                    }
                }
                if overflow {
                    throw ParquetError(.unsupported, "a value of column '\(name)' does not fit its type \(type)", column: name)
                }
                return count
            }
        case .decimal(let precision, _):
            // FIXED_LEN_BYTE_ARRAY: the value must fit the column's byte width.
            let width = ParquetColumnType.decimalByteWidth(precision: precision)
            let limit: Int128 = width == 16 ? Int128.max : (Int128(1) << (8 * width - 1)) - 1
            return { (column, rows, target) throws(ParquetError) in
                var overflow = false
                let count = try gather(column, rows, Int128.self, target, name) { value in
                    if value > limit || value < -limit - 1 { overflow = true }
                    return unsafeBitCast(value, to: Value.self)
                }
                if overflow {
                    throw ParquetError(.unsupported, "a value of column '\(name)' does not fit its type \(type)", column: name)
                }
                return count
            }
        default:
            // The engine layout is the physical one: INT32, INT64, FLOAT, DOUBLE, DATE, TIME, TIMESTAMP, wide DECIMAL.
            return { (column, rows, target) throws(ParquetError) in
                try gather(column, rows, Value.self, target, name) { $0 }
            }
        }
    }

    @inline(__always)
    static func gather<Source: BitwiseCopyable, Value>(
        _ column: Column, _ rows: Range<Int>, _: Source.Type, _ target: UnsafeMutablePointer<Value>, _ name: String,
        _ convert: (Source) -> Value
    ) throws(ParquetError) -> Int {
        let validity = column.validity
        switch column.storage {
        case .fixedWidth(let buffer):
            let source = buffer.baseAddress.assumingMemoryBound(to: Source.self)
            guard let validity else {
                var out = target
                for row in rows {
                    out.pointee = convert(source[row])
                    out += 1
                }
                return rows.count
            }
            var count = 0
            for row in rows where validity.isSet(row) {
                target[count] = convert(source[row])
                count &+= 1
            }
            return count
        case .dictionary(let indices, let dictionary):
            let plain = dictionary.flattened()
            guard case .fixedWidth(let buffer) = plain.storage else {
                throw ParquetError(.corrupt, "dictionary of column '\(name)' is not fixed-width", column: name)
            }
            let source = buffer.baseAddress.assumingMemoryBound(to: Source.self)
            let positions = indices.baseAddress.assumingMemoryBound(to: Int32.self)
            let entries = plain.count
            var count = 0
            for row in rows where validity?.isSet(row) ?? true {
                let index = Int(positions[row])
                guard index >= 0 && index < entries else {
                    throw ParquetError(
                        .corrupt, "row \(row) of column '\(name)' points at dictionary entry \(index) of \(entries)", column: name)
                }
                target[count] = convert(source[index])
                count &+= 1
            }
            return count
        case .constant, .variableWidth:
            throw ParquetError(.corrupt, "column '\(name)' of type \(column.type) is not stored as fixed-width values", column: name)
        }
    }
}
