// The deprecated BIT_PACKED level encoding of Parquet 1.0: levels packed most significant bit first,
// with no run headers; the page's value count says how many there are.

struct BitPackedLevelDecoder {
    private let base: UnsafeRawPointer
    private let byteCount: Int
    let bitWidth: Int
    private var nextLevel = 0

    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) {
        base = bytes.nonNullBase
        byteCount = bytes.count
        self.bitWidth = bitWidth
    }

    /// Bytes that `count` levels take.
    static func byteCount(levels count: Int, bitWidth: Int) -> Int {
        (count * bitWidth + 7) / 8
    }

    /// Decodes `count` levels as validity bits at `bitOffset` of `bitmap` (whose bits there are clear);
    /// returns how many equal `maxLevel`.
    mutating func decodeValidity(
        into bitmap: UnsafeMutablePointer<UInt8>, bitOffset: Int, count: Int, maxLevel: UInt32
    ) throws(ParquetError) -> Int {
        guard (nextLevel + count) * bitWidth <= byteCount * 8 else {
            throw ParquetError(.corrupt, "BIT_PACKED levels end early")
        }
        var present = 0
        for index in 0..<count {
            var level: UInt32 = 0
            let firstBit = (nextLevel + index) * bitWidth
            for bit in firstBit..<(firstBit + bitWidth) {
                let byte = base.load(fromByteOffset: bit >> 3, as: UInt8.self)
                level = level << 1 | UInt32((byte >> UInt8(7 - bit & 7)) & 1)
            }
            guard level <= maxLevel else {
                throw ParquetError(.corrupt, "definition level \(level) exceeds the maximum \(maxLevel)")
            }
            if level == maxLevel {
                let bit = bitOffset + index
                bitmap[bit >> 3] |= UInt8(1) << UInt8(bit & 7)
                present += 1
            }
        }
        nextLevel += count
        return present
    }
}
