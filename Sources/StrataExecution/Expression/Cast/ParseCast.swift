// Casts from VARCHAR: numbers as Trino parses them (surrounding whitespace ignored, no implicit rounding of
// '1.5' to an integer), booleans ('true', 'false', 't', 'f', '1', '0' in any case), dates, times and
// timestamps in ISO form. Text that does not convert fails with "Cannot cast 'text' to TYPE".
import StrataCore

enum ParseCast {
    static func convert(
        _ a: KernelArgument, to target: DataType, count: Int, validity: ResultValidity, context: KernelContext
    ) throws -> Column {
        let text = a.strings()
        let error = { (row: Int) in
            ExecutionError(.invalidCast, "Cannot cast '\(String(decoding: text[row], as: UTF8.self))' to \(target.sqlName)")
        }
        switch target {
        case .boolean:
            return try DecimalCast.fixed(UInt8.self, target, count, validity, context, { parseBoolean(text[$0]) }, error: error)
        case .tinyint:
            return try DecimalCast.fixed(Int8.self, target, count, validity, context, { NumberText.parseInteger(text[$0]).flatMap { Int8(exactly: $0) } }, error: error)
        case .smallint:
            return try DecimalCast.fixed(Int16.self, target, count, validity, context, { NumberText.parseInteger(text[$0]).flatMap { Int16(exactly: $0) } }, error: error)
        case .integer:
            return try DecimalCast.fixed(Int32.self, target, count, validity, context, { NumberText.parseInteger(text[$0]).flatMap { Int32(exactly: $0) } }, error: error)
        case .bigint:
            return try DecimalCast.fixed(Int64.self, target, count, validity, context, { NumberText.parseInteger(text[$0]) }, error: error)
        case .double:
            return try DecimalCast.fixed(Double.self, target, count, validity, context, { NumberText.parseDouble(text[$0]) }, error: error)
        case .real:
            return try DecimalCast.fixed(Float.self, target, count, validity, context, { NumberText.parseDouble(text[$0]).map { Float($0) } }, error: error)
        case .decimal(let precision, let scale):
            return try DecimalCast.fixed(Int128.self, target, count, validity, context, {
                NumberText.parseDecimal(text[$0], precision: precision, scale: scale)
            }, error: error)
        case .date:
            return try DecimalCast.fixed(Int32.self, target, count, validity, context, { TemporalText.parseDate(text[$0]) }, error: error)
        case .timestamp:
            return try DecimalCast.fixed(Int64.self, target, count, validity, context, { TemporalText.parseTimestamp(text[$0]) }, error: error)
        case .time:
            return try DecimalCast.fixed(Int64.self, target, count, validity, context, { TemporalText.parseTime(text[$0]) }, error: error)
        case .varbinary:
            // The UTF-8 bytes, as they are.
            guard case .variableWidth(let offsets, let bytes) = a.column.storage else {
                throw ExecutionError(.internal, "varchar stored as \(a.column.storage)")
            }
            return Column(type: .varbinary, count: count, offsets: offsets, bytes: bytes, validity: validity.bitmap)
        case .interval:
            throw ExecutionError(.invalidCast, "Cannot cast VARCHAR to INTERVAL; write an interval literal such as INTERVAL '1' DAY")
        case .varchar, .unknown:
            throw ExecutionError(.internal, "cast from VARCHAR to \(target)")
        }
    }

    @inline(__always)
    static func parseBoolean(_ text: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch text.count {
        case 1:
            switch text[0] {
            case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "1"): return 1
            case UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "0"): return 0
            default: return nil
            }
        case 4:
            return text.map { $0 | 0x20 }.elementsEqual("true".utf8) ? 1 : nil
        case 5:
            return text.map { $0 | 0x20 }.elementsEqual("false".utf8) ? 0 : nil
        default:
            return nil
        }
    }
}
