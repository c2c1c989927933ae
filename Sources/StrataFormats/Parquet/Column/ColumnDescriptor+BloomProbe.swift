// An engine value as this column would store it, hashed for probing the column's bloom filter. Writers
// hash the PLAIN encoding of each value (fixed-width values as little-endian bytes, byte arrays without
// their length), so the value is first turned back into the column's physical representation: a
// BIGINT literal probing an INT32 column, a DECIMAL literal of another scale, a TIMESTAMP probing a
// millisecond column. A value the column cannot hold cannot be in it.
import StrataCore

/// What probing a bloom filter for a value needs.
public enum BloomProbe: Sendable, Hashable {
    /// The value is in the chunk only if the filter may contain one of these hashes.
    case hashes([UInt64])
    /// The column cannot hold the value (out of its range, finer than its precision): it is not there.
    case absent
    /// The value's stored form is not unique or not known here; the filter cannot answer.
    case unknown
}

extension ColumnDescriptor {
    /// How to probe this column's bloom filter for `value`, a value of engine type `type` (the table's
    /// type of the column, which may be wider than this file's).
    public func bloomProbe(_ value: Value, type: DataType) -> BloomProbe {
        guard let fileType = dataType else { return .unknown }
        switch (physicalType, value) {
        case (.int32, _), (.int64, _):
            guard let stored = storedInteger(value, type: type, fileType: fileType) else { return .unknown }
            guard let stored = stored else { return .absent }
            if physicalType == .int32 {
                guard let narrow = Int32(exactly: stored) else { return .absent }
                return .hashes([XXHash64.hash(UInt32(bitPattern: narrow))])
            }
            return .hashes([XXHash64.hash(UInt64(bitPattern: stored))])
        case (.float, .real(let number)) where conversion == .identity:
            return floatHashes(number)
        case (.float, .double(let number)) where conversion == .identity:
            guard let single = Float(exactly: number) else { return .absent }
            return floatHashes(single)
        case (.double, .double(let number)) where conversion == .identity:
            guard !number.isNaN else { return .absent }
            if number == 0 { return .hashes([XXHash64.hash((0.0).bitPattern), XXHash64.hash((-0.0).bitPattern)]) }
            return .hashes([XXHash64.hash(number.bitPattern)])
        case (.byteArray, .varchar(let text)) where conversion == .identity && fileType == .varchar:
            return .hashes([XXHash64.hash(Array(text.utf8))])
        case (.byteArray, .varbinary(let bytes)) where conversion == .identity:
            return .hashes([XXHash64.hash(bytes)])
        case (.fixedLenByteArray, .varbinary(let bytes)) where conversion == .fixedToBinary:
            return bytes.count == typeLength ? .hashes([XXHash64.hash(bytes)]) : .absent
        case (.fixedLenByteArray, .decimal(let unscaled)) where conversion == .bytesToDecimal:
            guard case .decimal(_, let fileScale) = fileType, case .decimal(_, let scale) = type,
                let stored = Self.rescaled(unscaled, from: scale, to: fileScale)
            else { return .unknown }
            guard let stored = stored else { return .absent }
            guard let bytes = Self.bigEndian(stored, width: typeLength) else { return .absent }
            return .hashes([XXHash64.hash(bytes)])
        default:
            return .unknown
        }
    }

    private func floatHashes(_ number: Float) -> BloomProbe {
        guard !number.isNaN else { return .absent }
        if number == 0 {
            return .hashes([XXHash64.hash(Float(0).bitPattern), XXHash64.hash((-Float(0)).bitPattern)])
        }
        return .hashes([XXHash64.hash(number.bitPattern)])
    }

    /// The INT32/INT64 value stored for `value`: nil when unknown how, .some(nil) when it cannot be stored.
    private func storedInteger(_ value: Value, type: DataType, fileType: DataType) -> Int64?? {
        switch (conversion, value) {
        case (.identity, .integer(let number)), (.narrowToInt8, .integer(let number)), (.narrowToInt16, .integer(let number)):
            guard fileType.isInteger else { return nil }
            return .some(Self.fits(number, fileType) ? number : nil)
        case (.identity, .double(let number)), (.narrowToInt8, .double(let number)), (.narrowToInt16, .double(let number)):
            // An integer column widened to DOUBLE in the table.
            guard fileType.isInteger else { return nil }
            guard let integer = Int64(exactly: number) else { return .some(nil) }
            return .some(Self.fits(integer, fileType) ? integer : nil)
        case (.unsigned8ToInt16, .integer(let number)):
            return .some((0...Int64(UInt8.max)).contains(number) ? number : nil)
        case (.unsigned16ToInt32, .integer(let number)):
            return .some((0...Int64(UInt16.max)).contains(number) ? number : nil)
        case (.unsigned32ToInt64, .integer(let number)):
            return .some((0...Int64(UInt32.max)).contains(number) ? Int64(Int32(truncatingIfNeeded: number)) : nil)
        case (.identity, .date(let days)) where fileType == .date:
            return .some(Int64(days))
        case (.identity, .timestamp(let micros)) where fileType == .timestamp:
            return .some(micros)
        case (.identity, .timestamp(let micros)) where fileType == .date:
            // A DATE column widened to TIMESTAMP: only midnights are there.
            return .some(micros % 86_400_000_000 == 0 ? micros / 86_400_000_000 : nil)
        case (.multiply(let factor), .timestamp(let micros)):
            return .some(micros % factor == 0 ? micros / factor : nil)
        case (.identity, .time(let micros)) where fileType == .time:
            return .some(micros)
        case (.int32ToDecimal, .decimal(let unscaled)), (.int64ToDecimal, .decimal(let unscaled)):
            guard case .decimal(_, let fileScale) = fileType, case .decimal(_, let scale) = type,
                let stored = Self.rescaled(unscaled, from: scale, to: fileScale)
            else { return nil }
            guard let stored, let integer = Int64(exactly: stored) else { return .some(nil) }
            return .some(integer)
        default:
            return nil
        }
    }

    private static func fits(_ number: Int64, _ type: DataType) -> Bool {
        switch type {
        case .tinyint: return Int8(exactly: number) != nil
        case .smallint: return Int16(exactly: number) != nil
        case .integer: return Int32(exactly: number) != nil
        default: return true
        }
    }

    /// An unscaled decimal at `scale` as one at `target`: nil when the scales cannot be handled,
    /// .some(nil) when the value has digits the target scale cannot hold.
    private static func rescaled(_ unscaled: Int128, from scale: Int, to target: Int) -> Int128?? {
        if scale == target { return .some(unscaled) }
        if scale > target {
            var factor: Int128 = 1
            for _ in 0..<(scale - target) { factor *= 10 }
            return .some(unscaled % factor == 0 ? unscaled / factor : nil)
        }
        guard target - scale <= 38 else { return nil }
        var result = unscaled
        for _ in 0..<(target - scale) {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return .some(nil) }
            result = product
        }
        return .some(result)
    }

    /// `value` as `width` bytes of big-endian two's complement; nil when it does not fit.
    private static func bigEndian(_ value: Int128, width: Int) -> [UInt8]? {
        guard width > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: width)
        var remaining = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            bytes[index] = UInt8(truncatingIfNeeded: remaining)
            remaining >>= 8
        }
        // What is left must be the sign extension of the bytes written.
        let negative = bytes[0] & 0x80 != 0
        guard remaining == (negative ? -1 : 0) else { return nil }
        return bytes
    }
}
