// Row-at-a-time access to a column through `Value`: for tests, formatting and literals, not hot loops.

extension Column {
    /// The value in `row`, whatever the storage.
    public func value(at row: Int) -> Value {
        precondition(row >= 0 && row < count, "row \(row) out of 0..<\(count)")
        switch storage {
        case .constant(let single):
            return single.value(at: 0)
        case .dictionary(let indices, let dictionary):
            if isNull(row) { return .null }
            let index = indices.baseAddress.load(fromByteOffset: row * 4, as: Int32.self)
            return dictionary.value(at: Int(index))
        case .variableWidth(let offsets, let bytes):
            if isNull(row) { return .null }
            let start = Int(offsets.baseAddress.load(fromByteOffset: row * 8, as: Int64.self))
            let end = Int(offsets.baseAddress.load(fromByteOffset: (row + 1) * 8, as: Int64.self))
            let slice = UnsafeRawBufferPointer(start: bytes.baseAddress + start, count: end - start)
            if type == .varchar { return .varchar(String(decoding: slice, as: UTF8.self)) }
            return .varbinary(Array(slice))
        case .fixedWidth(let buffer):
            if isNull(row) { return .null }
            let base = buffer.baseAddress
            switch type {
            case .boolean: return .boolean(base.load(fromByteOffset: row, as: UInt8.self) != 0)
            case .tinyint: return .integer(Int64(base.load(fromByteOffset: row, as: Int8.self)))
            case .smallint: return .integer(Int64(base.load(fromByteOffset: row * 2, as: Int16.self)))
            case .integer: return .integer(Int64(base.load(fromByteOffset: row * 4, as: Int32.self)))
            case .bigint: return .integer(base.load(fromByteOffset: row * 8, as: Int64.self))
            case .real: return .real(base.load(fromByteOffset: row * 4, as: Float.self))
            case .double: return .double(base.load(fromByteOffset: row * 8, as: Double.self))
            case .decimal: return .decimal(base.load(fromByteOffset: row * 16, as: Int128.self))
            case .date: return .date(base.load(fromByteOffset: row * 4, as: Int32.self))
            case .time: return .time(base.load(fromByteOffset: row * 8, as: Int64.self))
            case .timestamp: return .timestamp(base.load(fromByteOffset: row * 8, as: Int64.self))
            case .interval: return .interval(base.load(fromByteOffset: row * 16, as: Interval.self))
            case .unknown: return .null
            case .varchar, .varbinary: preconditionFailure("variable-width type in fixed-width storage")
            }
        }
    }

    /// All values, in order.
    public var values: [Value] { (0..<count).map(value(at:)) }

    /// A column of `type` holding `values`. Each value must be null or of the kind `type` stores.
    public static func build(_ type: DataType, _ values: [Value]) -> Column {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for value in values { builder.append(value) }
        return builder.finish()
    }
}
