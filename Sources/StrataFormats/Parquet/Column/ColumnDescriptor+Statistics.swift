// Statistics values (PLAIN bytes, byte arrays without their length) as engine values, and the rules for
// which of a file's min/max can be trusted: `min_value`/`max_value` (and the page index) follow the
// column order the footer declares; the deprecated `min`/`max` were written by signed comparison, right
// only for signed numbers and temporal types; INT96 has no defined order; a NaN bound says nothing; a
// string bound cut inside a UTF-8 sequence is shortened (the minimum) or dropped (the maximum).
import StrataCore

/// What statistics say about the values of a container (a row group or a page), as engine values of the
/// column's type. A nil bound is unknown. An inexact bound is still a bound (a truncated string minimum
/// is below every value), but not necessarily a value of the column.
public struct StatisticsBounds: Sendable, Hashable {
    public var min: Value?
    public var max: Value?
    public var minIsExact: Bool
    public var maxIsExact: Bool

    public init(min: Value? = nil, max: Value? = nil, minIsExact: Bool = false, maxIsExact: Bool = false) {
        self.min = min
        self.max = max
        self.minIsExact = minIsExact
        self.maxIsExact = maxIsExact
    }

    public static let unknown = StatisticsBounds()
}

extension ColumnDescriptor {
    /// The engine value of a min/max statistic of this column; nil when it cannot be read (a column
    /// Strata does not read, or bytes of the wrong size).
    public func statisticValue(_ bytes: [UInt8]) -> Value? {
        guard let type = dataType, conversion != .nulls else { return nil }
        if physicalType == .byteArray {
            switch conversion {
            case .bytesToDecimal:
                let unscaled = try? bytes.withUnsafeBytes { (raw) throws(ParquetError) in try ValueKernels.decimal(bigEndian: raw) }
                return unscaled.map(Value.decimal)
            default:
                return type == .varchar ? .varchar(String(decoding: bytes, as: UTF8.self)) : .varbinary(bytes)
            }
        }
        guard let width = physicalType.decodedWidth(typeLength: typeLength), bytes.count == width, width > 0 else { return nil }
        if physicalType == .boolean { return .boolean(bytes[0] & 1 != 0) }
        let output = ColumnOutput(type: type, rows: 1, dictionaryIndices: false)
        let converted: Bool = bytes.withUnsafeBytes { raw in
            switch output.layout {
            case .fixed(let engineWidth):
                let target = output.fixedTarget(0, width: engineWidth)
                if conversion.decodesInPlace {
                    target.copyMemory(from: raw.baseAddress!, byteCount: width)
                    ValueKernels.adjustInPlace(conversion, target, count: 1)
                    return true
                }
                return (try? ValueKernels.convertFixed(conversion, source: raw.baseAddress!, count: 1, width: width, into: target)) != nil
            case .variable:
                ValueKernels.convertToVariable(
                    conversion, source: raw.baseAddress!, count: 1, width: width, offsets: output.offsetsTarget(0),
                    bytes: output.bytes!)
                return true
            case .indices:
                return false
            }
        }
        guard converted else { return nil }
        return output.finish(validity: nil, dictionary: nil).value(at: 0)
    }

    /// The bounds of a column chunk's statistics that can be trusted. `order` is the column's entry of
    /// the footer's column orders (nil when the footer has none).
    public func bounds(_ statistics: Statistics, order: ColumnOrder?) -> StatisticsBounds {
        guard canUseStatistics(order: order) else { return .unknown }
        let fromOrder = order != nil && statistics.minValue != nil && statistics.maxValue != nil
        let minBytes = fromOrder ? statistics.minValue : (signedStatisticsAreValid ? statistics.min : nil)
        let maxBytes = fromOrder ? statistics.maxValue : (signedStatisticsAreValid ? statistics.max : nil)
        let mayBeCut = physicalType == .byteArray || physicalType == .fixedLenByteArray
        return decodeBounds(
            minBytes, maxBytes, minIsExact: fromOrder ? (statistics.isMinValueExact ?? !mayBeCut) : !mayBeCut,
            maxIsExact: fromOrder ? (statistics.isMaxValueExact ?? !mayBeCut) : !mayBeCut)
    }

    /// The bounds of page `page` of a column index (which follows the column order; without one, or for
    /// a page of nulls only, nothing is known).
    public func pageBounds(_ index: ColumnIndex, page: Int, order: ColumnOrder?) -> StatisticsBounds {
        guard order != nil, canUseStatistics(order: order), page < index.nullPages.count, !index.nullPages[page] else {
            return .unknown
        }
        return decodeBounds(index.minValues[page], index.maxValues[page], minIsExact: false, maxIsExact: false)
    }

    private func canUseStatistics(order: ColumnOrder?) -> Bool {
        guard dataType != nil, conversion != .nulls, conversion != .fixedToInterval else { return false }
        if case .other? = order { return false }
        if physicalType == .int96 { return order == .int96Timestamp }
        return true
    }

    private func decodeBounds(_ minBytes: [UInt8]?, _ maxBytes: [UInt8]?, minIsExact: Bool, maxIsExact: Bool) -> StatisticsBounds {
        var bounds = StatisticsBounds(minIsExact: minIsExact, maxIsExact: maxIsExact)
        if dataType == .varchar && physicalType == .byteArray {
            if let minBytes {
                // A prefix of the minimum is still below every value.
                var valid = minBytes
                while !valid.isEmpty && String(validating: valid, as: UTF8.self) == nil { valid.removeLast() }
                if valid.count != minBytes.count { bounds.minIsExact = false }
                bounds.min = .varchar(String(decoding: valid, as: UTF8.self))
            }
            if let maxBytes, let text = String(validating: maxBytes, as: UTF8.self) { bounds.max = .varchar(text) }
            return bounds
        }
        bounds.min = minBytes.flatMap(statisticValue)
        bounds.max = maxBytes.flatMap(statisticValue)
        return Self.isNaN(bounds.min) || Self.isNaN(bounds.max) ? .unknown : bounds
    }

    private static func isNaN(_ value: Value?) -> Bool {
        switch value {
        case .double(let number)?: return number.isNaN
        case .real(let number)?: return number.isNaN
        default: return false
        }
    }
}
