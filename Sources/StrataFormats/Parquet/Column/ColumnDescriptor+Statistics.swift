// Statistics values (PLAIN bytes, byte arrays without their length) as engine values.
import StrataCore

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
}
