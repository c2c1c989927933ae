// From the physical values of a Parquet column to the engine's values: which engine type a leaf column
// reads as, and the kernels that convert a run of decoded physical values into it. Types whose layouts
// agree (INT64 micros → TIMESTAMP, DOUBLE → DOUBLE, BYTE_ARRAY → VARCHAR) decode straight into the
// column; the rest go through a scratch buffer and one of these loops.
import StrataCore

enum ValueConversion: Sendable, Hashable {
    /// The physical layout is the engine layout (booleans as one byte each after unpacking).
    case identity
    /// INT32 to TINYINT / SMALLINT.
    case narrowToInt8
    case narrowToInt16
    /// Unsigned INT32 annotations widened to the next signed type: UINT8 → SMALLINT, UINT16 → INTEGER,
    /// UINT32 → BIGINT.
    case unsigned8ToInt16
    case unsigned16ToInt32
    case unsigned32ToInt64
    /// UINT64 to DECIMAL(20,0).
    case unsigned64ToDecimal
    case int32ToDecimal
    case int64ToDecimal
    /// Big-endian two's complement bytes (FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY) to DECIMAL.
    case bytesToDecimal
    /// INT64 scaled in place: milliseconds to microseconds.
    case multiply(Int64)
    /// INT64 divided in place, rounding down: nanoseconds to microseconds.
    case divide(Int64)
    /// INT32 milliseconds since midnight to `Int64` microseconds.
    case timeMillisToMicros
    /// INT96 (nanoseconds of the day, Julian day) to microseconds since the epoch.
    case int96ToTimestamp
    case float16ToReal
    /// 16 UUID bytes to their 36-character text.
    case uuidToText
    /// FIXED_LEN_BYTE_ARRAY to VARBINARY.
    case fixedToBinary
    /// The 12-byte INTERVAL (months, days, milliseconds) to `Interval`.
    case fixedToInterval
    /// The NULL logical type: every value is null.
    case nulls

    /// Whether values are decoded straight into the column (then, for `multiply`/`divide`, adjusted there).
    var decodesInPlace: Bool {
        switch self {
        case .identity, .multiply, .divide: return true
        default: return false
        }
    }
}

/// What a leaf column reads as, or why it cannot be read.
enum ColumnTyping {
    case readable(DataType, ValueConversion)
    case unsupported(String)

    static func resolve(_ element: SchemaElement) -> ColumnTyping {
        guard let physical = element.type else { return .unsupported("a group is not a leaf column") }
        // A logical type from a newer format version reads as if it were absent, as the format asks
        // (ARROW-GH-41764): the physical type and any converted type still say what the values are.
        var logical = element.logicalType
        if case .other? = logical { logical = nil }
        let converted = element.convertedType
        if logical == .null { return .readable(.unknown, .nulls) }

        func decimal() -> ColumnTyping {
            var precision = Int(element.precision ?? 0)
            var scale = Int(element.scale ?? 0)
            if case .decimal(let p, let s) = logical {
                precision = Int(p)
                scale = Int(s)
            }
            guard precision >= 1 else { return .unsupported("DECIMAL without a precision") }
            guard precision <= DataType.maximumDecimalPrecision else {
                return .unsupported("DECIMAL(\(precision),\(scale)) is wider than the 38 digits Strata computes with")
            }
            guard scale >= 0, scale <= precision else { return .unsupported("DECIMAL(\(precision),\(scale)) has an invalid scale") }
            let conversion: ValueConversion
            switch physical {
            case .int32: conversion = .int32ToDecimal
            case .int64: conversion = .int64ToDecimal
            case .byteArray: conversion = .bytesToDecimal
            case .fixedLenByteArray:
                // Found by the parquet-file fuzz target: a negative length reached the decoder as a width.
                let length = Int(element.typeLength ?? -1)
                guard length > 0 else { return .unsupported("FIXED_LEN_BYTE_ARRAY of length \(length)") }
                conversion = .bytesToDecimal
            default: return .unsupported("DECIMAL stored as \(physical.name)")
            }
            return .readable(.decimal(precision: precision, scale: scale), conversion)
        }
        let isDecimal: Bool = {
            if case .decimal = logical { return true }
            return logical == nil && converted == .decimal
        }()
        if isDecimal { return decimal() }

        switch physical {
        case .boolean:
            return .readable(.boolean, .identity)
        case .int32:
            switch (logical, converted) {
            case (.integer(8, true)?, _), (nil, .int8?): return .readable(.tinyint, .narrowToInt8)
            case (.integer(16, true)?, _), (nil, .int16?): return .readable(.smallint, .narrowToInt16)
            case (.integer(32, true)?, _), (nil, .int32?): return .readable(.integer, .identity)
            case (.integer(8, false)?, _), (nil, .uint8?): return .readable(.smallint, .unsigned8ToInt16)
            case (.integer(16, false)?, _), (nil, .uint16?): return .readable(.integer, .unsigned16ToInt32)
            case (.integer(32, false)?, _), (nil, .uint32?): return .readable(.bigint, .unsigned32ToInt64)
            case (.date?, _), (nil, .date?): return .readable(.date, .identity)
            case (.time(_, .milliseconds)?, _), (nil, .timeMillis?): return .readable(.time, .timeMillisToMicros)
            case (nil, nil): return .readable(.integer, .identity)
            case (let logical?, _): return .unsupported("INT32 annotated \(logical.description)")
            case (nil, let converted?): return .unsupported("INT32 annotated \(converted.name)")
            }
        case .int64:
            switch (logical, converted) {
            case (.integer(_, true)?, _), (nil, .int64?): return .readable(.bigint, .identity)
            case (.integer(64, false)?, _), (nil, .uint64?): return .readable(.decimal(precision: 20, scale: 0), .unsigned64ToDecimal)
            case (.integer(_, false)?, _): return .readable(.bigint, .identity)
            case (.timestamp(_, .milliseconds)?, _), (nil, .timestampMillis?): return .readable(.timestamp, .multiply(1000))
            case (.timestamp(_, .microseconds)?, _), (nil, .timestampMicros?): return .readable(.timestamp, .identity)
            case (.timestamp(_, .nanoseconds)?, _): return .readable(.timestamp, .divide(1000))
            case (.time(_, .microseconds)?, _), (nil, .timeMicros?): return .readable(.time, .identity)
            case (.time(_, .nanoseconds)?, _): return .readable(.time, .divide(1000))
            case (nil, nil): return .readable(.bigint, .identity)
            case (let logical?, _): return .unsupported("INT64 annotated \(logical.description)")
            case (nil, let converted?): return .unsupported("INT64 annotated \(converted.name)")
            }
        case .int96:
            return .readable(.timestamp, .int96ToTimestamp)
        case .float:
            return .readable(.real, .identity)
        case .double:
            return .readable(.double, .identity)
        case .byteArray:
            switch (logical, converted) {
            case (.string?, _), (.enum?, _), (.json?, _), (nil, .utf8?), (nil, .enum?), (nil, .json?):
                return .readable(.varchar, .identity)
            default:
                return .readable(.varbinary, .identity)
            }
        case .fixedLenByteArray:
            let length = Int(element.typeLength ?? -1)
            guard length > 0 else { return .unsupported("FIXED_LEN_BYTE_ARRAY of length \(length)") }
            switch (logical, converted) {
            case (.uuid?, _):
                guard length == 16 else { return .unsupported("UUID of \(length) bytes") }
                return .readable(.varchar, .uuidToText)
            case (.float16?, _):
                guard length == 2 else { return .unsupported("FLOAT16 of \(length) bytes") }
                return .readable(.real, .float16ToReal)
            case (nil, .interval?):
                guard length == 12 else { return .unsupported("INTERVAL of \(length) bytes") }
                return .readable(.interval, .fixedToInterval)
            default:
                return .readable(.varbinary, .fixedToBinary)
            }
        }
    }
}

extension PhysicalType {
    /// Bytes per decoded value of fixed-width physical types (booleans unpack to one byte); nil for BYTE_ARRAY.
    func decodedWidth(typeLength: Int) -> Int? {
        switch self {
        case .boolean: return 1
        case .int32, .float: return 4
        case .int64, .double: return 8
        case .int96: return 12
        case .fixedLenByteArray: return typeLength
        case .byteArray: return nil
        }
    }
}

// MARK: Kernels

enum ValueKernels {
    /// Converts `count` dense fixed-width physical values at `source` into engine values at `target`.
    static func convertFixed(
        _ conversion: ValueConversion, source: UnsafeRawPointer, count: Int, width: Int, into target: UnsafeMutableRawPointer
    ) throws(ParquetError) {
        switch conversion {
        case .narrowToInt8:
            map(source, Int32.self, target, Int8.self, count) { Int8(truncatingIfNeeded: $0) }
        case .narrowToInt16:
            map(source, Int32.self, target, Int16.self, count) { Int16(truncatingIfNeeded: $0) }
        case .unsigned8ToInt16:
            map(source, Int32.self, target, Int16.self, count) { Int16(UInt8(truncatingIfNeeded: $0)) }
        case .unsigned16ToInt32:
            map(source, Int32.self, target, Int32.self, count) { Int32(UInt16(truncatingIfNeeded: $0)) }
        case .unsigned32ToInt64:
            map(source, Int32.self, target, Int64.self, count) { Int64(UInt32(bitPattern: $0)) }
        case .unsigned64ToDecimal:
            map(source, Int64.self, target, Int128.self, count) { Int128(UInt64(bitPattern: $0)) }
        case .int32ToDecimal:
            map(source, Int32.self, target, Int128.self, count) { Int128($0) }
        case .int64ToDecimal:
            map(source, Int64.self, target, Int128.self, count) { Int128($0) }
        case .timeMillisToMicros:
            map(source, Int32.self, target, Int64.self, count) { Int64($0) &* 1000 }
        case .int96ToTimestamp:
            let output = target.assumingMemoryBound(to: Int64.self)
            for index in 0..<count {
                let nanos = Int64(littleEndian: source.loadUnaligned(fromByteOffset: index &* 12, as: Int64.self))
                let julianDay = Int64(Int32(littleEndian: source.loadUnaligned(fromByteOffset: index &* 12 &+ 8, as: Int32.self)))
                output[index] = (julianDay &- 2_440_588) &* 86_400_000_000 &+ floorDivide(nanos, 1000)
            }
        case .float16ToReal:
            map(source, UInt16.self, target, Float.self, count) { Float(halfBits: UInt16(littleEndian: $0)) }
        case .fixedToInterval:
            let output = target.assumingMemoryBound(to: Interval.self)
            for index in 0..<count {
                let months = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index &* 12, as: UInt32.self))
                let days = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index &* 12 &+ 4, as: UInt32.self))
                let millis = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index &* 12 &+ 8, as: UInt32.self))
                output[index] = Interval(
                    months: Int32(truncatingIfNeeded: months), days: Int32(truncatingIfNeeded: days),
                    microseconds: Int64(millis) &* 1000)
            }
        case .bytesToDecimal:
            let output = target.assumingMemoryBound(to: Int128.self)
            for index in 0..<count {
                output[index] = try decimal(bigEndian: UnsafeRawBufferPointer(start: source + index &* width, count: width))
            }
        case .identity, .multiply, .divide, .uuidToText, .fixedToBinary, .nulls:
            preconditionFailure("\(conversion) is not a fixed-to-fixed conversion")
        }
    }

    /// Adjusts `count` values decoded in place (`multiply`, `divide`).
    static func adjustInPlace(_ conversion: ValueConversion, _ values: UnsafeMutableRawPointer, count: Int) {
        let pointer = values.assumingMemoryBound(to: Int64.self)
        switch conversion {
        case .multiply(let factor):
            for index in 0..<count { pointer[index] = pointer[index] &* factor }
        case .divide(let divisor):
            for index in 0..<count { pointer[index] = floorDivide(pointer[index], divisor) }
        default:
            break
        }
    }

    /// Converts `count` fixed-width physical values to variable-width engine values (UUID text, VARBINARY),
    /// appending to `bytes` and writing end offsets to `offsets[1...count]`.
    static func convertToVariable(
        _ conversion: ValueConversion, source: UnsafeRawPointer, count: Int, width: Int,
        offsets: UnsafeMutablePointer<Int64>, bytes: Buffer
    ) {
        switch conversion {
        case .uuidToText:
            let hex = Array("0123456789abcdef".utf8)
            let start = bytes.count
            let target = bytes.extend(by: count * 36).assumingMemoryBound(to: UInt8.self)
            for index in 0..<count {
                var out = target + index * 36
                for byte in 0..<16 {
                    if byte == 4 || byte == 6 || byte == 8 || byte == 10 {
                        out.pointee = UInt8(ascii: "-")
                        out += 1
                    }
                    let value = source.load(fromByteOffset: index * 16 + byte, as: UInt8.self)
                    out[0] = hex[Int(value >> 4)]
                    out[1] = hex[Int(value & 15)]
                    out += 2
                }
                offsets[index + 1] = Int64(start + (index + 1) * 36)
            }
        case .fixedToBinary:
            let start = bytes.count
            bytes.extend(by: count * width).copyMemory(from: source, byteCount: count * width)
            for index in 0..<count { offsets[index + 1] = Int64(start + (index + 1) * width) }
        default:
            preconditionFailure("\(conversion) is not a fixed-to-variable conversion")
        }
    }

    /// Converts `count` byte arrays (`offsets[0...count]` into `bytes`) holding big-endian decimals.
    static func convertByteArraysToDecimal(
        offsets: UnsafePointer<Int64>, bytes: UnsafeRawPointer, count: Int, into target: UnsafeMutableRawPointer
    ) throws(ParquetError) {
        let output = target.assumingMemoryBound(to: Int128.self)
        for index in 0..<count {
            let start = Int(offsets[index])
            let length = Int(offsets[index + 1]) - start
            output[index] = try decimal(bigEndian: UnsafeRawBufferPointer(start: bytes + start, count: length))
        }
    }

    /// A big-endian two's complement integer of any length as `Int128`; longer values must be sign
    /// extensions of one that fits.
    @inlinable
    static func decimal(bigEndian bytes: UnsafeRawBufferPointer) throws(ParquetError) -> Int128 {
        guard bytes.count > 0 else { return 0 }
        var start = 0
        if bytes.count > 16 {
            let extra = bytes.count - 16
            let signByte: UInt8 = bytes[extra] & 0x80 != 0 ? 0xFF : 0
            for index in 0..<extra where bytes[index] != signByte {
                throw ParquetError(.corrupt, "decimal value of \(bytes.count) bytes does not fit in 128 bits")
            }
            start = extra
        }
        var value: Int128 = bytes[start] & 0x80 != 0 ? -1 : 0
        for index in start..<bytes.count {
            value = (value &<< 8) | Int128(bytes[index])
        }
        return value
    }

    @inlinable
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient &- 1 : quotient
    }

    @inlinable
    static func map<S: BitwiseCopyable, T: BitwiseCopyable>(
        _ source: UnsafeRawPointer, _: S.Type, _ target: UnsafeMutableRawPointer, _: T.Type, _ count: Int,
        _ transform: (S) -> T
    ) {
        let output = target.assumingMemoryBound(to: T.self)
        for index in 0..<count {
            output[index] = transform(source.loadUnaligned(fromByteOffset: index &* MemoryLayout<S>.stride, as: S.self))
        }
    }
}

extension Float {
    /// The value of IEEE 754 half-precision bits.
    init(halfBits bits: UInt16) {
        let sign = UInt32(bits >> 15) << 31
        let exponent = UInt32((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa × 2^-24.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            self = sign != 0 ? -magnitude : magnitude
        case 0x1F:
            self = Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            self = Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }
}
