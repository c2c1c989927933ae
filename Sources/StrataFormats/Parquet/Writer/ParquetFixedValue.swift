// The fixed-width physical values the writer buffers, one conformance per kind: BOOLEAN (a byte per
// value until packed), INT32, INT64, FLOAT, DOUBLE, and wide decimals (Int128, stored as big-endian
// FIXED_LEN_BYTE_ARRAY). Each knows its statistics order, its PLAIN bytes and its bloom filter hash, so
// `FixedWidthValueEncoder` is written once and specialized for each.

protocol ParquetFixedValue: BitwiseCopyable {
    /// The column order of statistics: signed for integers and decimals, numeric for floats.
    static func isLess(_ lhs: Self, _ rhs: Self) -> Bool
    /// False for values left out of min/max (NaN).
    var isOrdered: Bool { get }
    /// The bits dictionary entries are hashed and compared by (so -0.0 and 0.0 stay distinct).
    var hashKey: UInt64 { get }
    static func sameBits(_ lhs: Self, _ rhs: Self) -> Bool
    /// Bytes of `count` values PLAIN-encoded.
    static func plainSize(count: Int, typeLength: Int) -> Int
    static func appendPlain(_ values: UnsafeBufferPointer<Self>, typeLength: Int, into bytes: inout [UInt8])
    /// The statistics form of one value: its PLAIN bytes.
    func statisticBytes(typeLength: Int) -> [UInt8]
    /// xxHash64 of the PLAIN bytes.
    func bloomHash(typeLength: Int) -> UInt64
    /// The minimum as statistics record it (-0.0 for a zero minimum of floats).
    var asMinimum: Self { get }
    /// The maximum as statistics record it (+0.0 for a zero maximum of floats).
    var asMaximum: Self { get }
}

extension ParquetFixedValue {
    var isOrdered: Bool { true }
    var asMinimum: Self { self }
    var asMaximum: Self { self }

    static func plainSize(count: Int, typeLength: Int) -> Int { count &* MemoryLayout<Self>.size }

    static func appendPlain(_ values: UnsafeBufferPointer<Self>, typeLength: Int, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    func statisticBytes(typeLength: Int) -> [UInt8] {
        withUnsafeBytes(of: self) { Array($0) }
    }
}

/// BOOLEAN, one byte (0 or 1) per value while buffered.
extension UInt8: ParquetFixedValue {
    static func isLess(_ lhs: UInt8, _ rhs: UInt8) -> Bool { lhs < rhs }
    var hashKey: UInt64 { UInt64(self) }
    static func sameBits(_ lhs: UInt8, _ rhs: UInt8) -> Bool { lhs == rhs }
    static func plainSize(count: Int, typeLength: Int) -> Int { (count + 7) / 8 }

    static func appendPlain(_ values: UnsafeBufferPointer<UInt8>, typeLength: Int, into bytes: inout [UInt8]) {
        guard let base = values.baseAddress else { return }
        PlainEncoder.packBooleans(base, count: values.count, into: &bytes)
    }

    func bloomHash(typeLength: Int) -> UInt64 { 0 }
}

extension Int32: ParquetFixedValue {
    static func isLess(_ lhs: Int32, _ rhs: Int32) -> Bool { lhs < rhs }
    var hashKey: UInt64 { UInt64(UInt32(bitPattern: self)) }
    static func sameBits(_ lhs: Int32, _ rhs: Int32) -> Bool { lhs == rhs }
    func bloomHash(typeLength: Int) -> UInt64 { XXHash64.hash(UInt32(bitPattern: self)) }
}

extension Int64: ParquetFixedValue {
    static func isLess(_ lhs: Int64, _ rhs: Int64) -> Bool { lhs < rhs }
    var hashKey: UInt64 { UInt64(bitPattern: self) }
    static func sameBits(_ lhs: Int64, _ rhs: Int64) -> Bool { lhs == rhs }
    func bloomHash(typeLength: Int) -> UInt64 { XXHash64.hash(UInt64(bitPattern: self)) }
}

extension Float: ParquetFixedValue {
    static func isLess(_ lhs: Float, _ rhs: Float) -> Bool { lhs < rhs }
    var isOrdered: Bool { !isNaN }
    var hashKey: UInt64 { UInt64(bitPattern) }
    static func sameBits(_ lhs: Float, _ rhs: Float) -> Bool { lhs.bitPattern == rhs.bitPattern }
    func bloomHash(typeLength: Int) -> UInt64 { XXHash64.hash(bitPattern) }
    var asMinimum: Float { self == 0 ? -0.0 : self }
    var asMaximum: Float { self == 0 ? 0.0 : self }
}

extension Double: ParquetFixedValue {
    static func isLess(_ lhs: Double, _ rhs: Double) -> Bool { lhs < rhs }
    var isOrdered: Bool { !isNaN }
    var hashKey: UInt64 { bitPattern }
    static func sameBits(_ lhs: Double, _ rhs: Double) -> Bool { lhs.bitPattern == rhs.bitPattern }
    func bloomHash(typeLength: Int) -> UInt64 { XXHash64.hash(bitPattern) }
    var asMinimum: Double { self == 0 ? -0.0 : self }
    var asMaximum: Double { self == 0 ? 0.0 : self }
}

/// A decimal stored as FIXED_LEN_BYTE_ARRAY: the unscaled value's low `typeLength` bytes, big-endian.
extension Int128: ParquetFixedValue {
    static func isLess(_ lhs: Int128, _ rhs: Int128) -> Bool { lhs < rhs }
    var hashKey: UInt64 {
        UInt64(truncatingIfNeeded: self) ^ (UInt64(truncatingIfNeeded: self >> 64) &* 0x9E37_79B9_7F4A_7C15)
    }
    static func sameBits(_ lhs: Int128, _ rhs: Int128) -> Bool { lhs == rhs }
    static func plainSize(count: Int, typeLength: Int) -> Int { count &* typeLength }

    static func appendPlain(_ values: UnsafeBufferPointer<Int128>, typeLength: Int, into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.appendZeros(values.count * typeLength)
        bytes.withUnsafeMutableBufferPointer { output in
            var target = output.baseAddress! + start
            for value in values {
                let bigEndian = value.bigEndian
                withUnsafeBytes(of: bigEndian) { raw in
                    target.update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + (16 - typeLength), count: typeLength)
                }
                target += typeLength
            }
        }
    }

    func statisticBytes(typeLength: Int) -> [UInt8] {
        withUnsafeBytes(of: bigEndian) { Array($0[(16 - typeLength)...]) }
    }

    func bloomHash(typeLength: Int) -> UInt64 {
        withUnsafeBytes(of: bigEndian) { raw in XXHash64.hash(raw.baseAddress! + (16 - typeLength), count: typeLength) }
    }
}
