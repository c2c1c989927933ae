// Casts to VARCHAR: the text of a value as Trino writes it, except that dates, times, timestamps and
// intervals use the engine's own output format (`ValueFormatter`), so a value reads the same whether it is
// printed or cast.
import StrataCore

enum FormatCast {
    static func convert(
        _ a: KernelArgument, from source: DataType, count: Int, validity: ResultValidity, context: KernelContext
    ) throws -> Column {
        var result = StringResult(count: count, validity: validity, byteCapacity: count * 8)
        switch source {
        case .boolean:
            let values = a.fixed(UInt8.self)
            for row in 0..<count { result.append(values[row] != 0 ? "true" : "false") }
        case .tinyint:
            let values = a.fixed(Int8.self)
            for row in 0..<count { appendInteger(Int64(values[row]), &result) }
        case .smallint:
            let values = a.fixed(Int16.self)
            for row in 0..<count { appendInteger(Int64(values[row]), &result) }
        case .integer:
            let values = a.fixed(Int32.self)
            for row in 0..<count { appendInteger(Int64(values[row]), &result) }
        case .bigint:
            let values = a.fixed(Int64.self)
            for row in 0..<count { appendInteger(values[row], &result) }
        case .real:
            let values = a.fixed(Float.self)
            for row in 0..<count { result.append(NumberText.javaText(values[row])) }
        case .double:
            let values = a.fixed(Double.self)
            for row in 0..<count { result.append(NumberText.javaText(values[row])) }
        case .decimal(_, let scale):
            let values = a.fixed(Int128.self)
            for row in 0..<count { result.append(ValueFormatter.decimalText(values[row], scale: scale)) }
        case .date:
            let values = a.fixed(Int32.self)
            for row in 0..<count { result.append(ValueFormatter.dateText(values[row])) }
        case .time:
            let values = a.fixed(Int64.self)
            for row in 0..<count { result.append(ValueFormatter.timeText(values[row])) }
        case .timestamp:
            let values = a.fixed(Int64.self)
            for row in 0..<count { result.append(ValueFormatter.timestampText(values[row])) }
        case .interval:
            let values = a.fixed(Interval.self)
            for row in 0..<count { result.append(ValueFormatter.intervalText(values[row])) }
        case .varbinary:
            let values = a.strings()
            for row in 0..<count {
                let bytes = values[row]
                if result.validity.isValid(row) && !UTF8Text.isValid(bytes) {
                    try context.fail(row, ExecutionError(.invalidCast, "Cannot cast VARBINARY '\(ValueFormatter.binaryText(Array(bytes)))' to VARCHAR: not valid UTF-8"))
                    result.appendNull()
                    continue
                }
                result.append(bytes)
            }
        case .varchar, .unknown:
            throw ExecutionError(.internal, "cast from \(source) to VARCHAR")
        }
        return result.finish()
    }

    /// Appends the decimal digits of `value` as one row.
    @inline(__always)
    static func appendInteger(_ value: Int64, _ result: inout StringResult) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var magnitude = value.magnitude
            var position = 20
            repeat {
                position -= 1
                buffer[position] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { result.appendByte(UInt8(ascii: "-")) }
            result.append(UnsafeBufferPointer(rebasing: buffer[position..<20]))
        }
    }
}
