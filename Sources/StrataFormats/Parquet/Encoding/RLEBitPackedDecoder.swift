// The RLE / bit-packing hybrid of Parquet: definition and repetition levels, dictionary indices and RLE
// booleans. A run header (ULEB128) says either "the next value repeats n times" or "n groups of 8
// bit-packed values follow". Every run is checked against the bytes left when it is entered; a last
// bit-packed run cut short by the end of the data still yields the values whose bits are all there.

struct RLEBitPackedDecoder {
    private let base: UnsafeRawPointer
    private let byteCount: Int
    let bitWidth: Int
    private var position = 0
    /// Values left in the current RLE run, and its value.
    private var repeatCount = 0
    private var repeatedValue: UInt32 = 0
    /// The current bit-packed run: where its bytes start, how many bytes it has, values used and left.
    private var packedStart = 0
    private var packedByteCount = 0
    private var packedUsed = 0
    private var packedLeft = 0

    /// A decoder over `bytes` (which must outlive it) for values of `bitWidth` bits (0...32).
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) throws(ParquetError) {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw ParquetError(.corrupt, "RLE bit width \(bitWidth) is out of range 0...32")
        }
        base = bytes.nonNullBase
        byteCount = bytes.count
        self.bitWidth = bitWidth
    }

    /// Bytes read so far (through the end of the current run).
    var bytesConsumed: Int { position }

    /// Reads the next run header; false when the data is used up.
    private mutating func nextRun() throws(ParquetError) -> Bool {
        guard position < byteCount else { return false }
        var header: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < byteCount else { throw ParquetError(.corrupt, "RLE run header runs past the end of the data") }
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            header |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw ParquetError(.corrupt, "RLE run header longer than 64 bits") }
        }
        if header & 1 == 1 {
            let groups = header >> 1
            guard groups <= UInt64(Int32.max) else { throw ParquetError(.corrupt, "RLE bit-packed run of \(groups) groups") }
            let wanted = Int(groups) * bitWidth
            let available = Swift.min(wanted, byteCount - position)
            packedStart = position
            packedByteCount = available
            packedUsed = 0
            packedLeft = bitWidth == 0 ? Int(groups) * 8 : Swift.min(Int(groups) * 8, available * 8 / bitWidth)
            position += available
        } else {
            let count = header >> 1
            guard count <= UInt64(Int32.max) else { throw ParquetError(.corrupt, "RLE run of \(count) values") }
            let valueBytes = (bitWidth + 7) / 8
            guard byteCount - position >= valueBytes else {
                throw ParquetError(.corrupt, "RLE run value runs past the end of the data")
            }
            var value: UInt32 = 0
            for index in 0..<valueBytes {
                value |= UInt32(base.load(fromByteOffset: position + index, as: UInt8.self)) << UInt32(index * 8)
            }
            position += valueBytes
            if bitWidth < 32 && value >> UInt32(bitWidth) != 0 {
                throw ParquetError(.corrupt, "RLE run value \(value) does not fit in \(bitWidth) bits")
            }
            repeatCount = Int(count)
            repeatedValue = value
        }
        return true
    }

    private func endOfData(_ missing: Int) -> ParquetError {
        ParquetError(.corrupt, "RLE data ends \(missing) values early")
    }

    /// Decodes exactly `count` values into `output`.
    mutating func decode(into output: UnsafeMutablePointer<UInt32>, count: Int) throws(ParquetError) {
        var done = 0
        while done < count {
            if repeatCount > 0 {
                let take = Swift.min(repeatCount, count - done)
                (output + done).update(repeating: repeatedValue, count: take)
                repeatCount -= take
                done += take
            } else if packedLeft > 0 {
                let take = Swift.min(packedLeft, count - done)
                BitPacking.unpack32(
                    base + packedStart, byteCount: packedByteCount, bitWidth: bitWidth, first: packedUsed, count: take,
                    into: output + done)
                packedUsed += take
                packedLeft -= take
                done += take
            } else if try !nextRun() {
                throw endOfData(count - done)
            }
        }
    }

    /// Skips `count` values.
    mutating func skip(_ count: Int) throws(ParquetError) {
        var done = 0
        while done < count {
            if repeatCount > 0 {
                let take = Swift.min(repeatCount, count - done)
                repeatCount -= take
                done += take
            } else if packedLeft > 0 {
                let take = Swift.min(packedLeft, count - done)
                packedUsed += take
                packedLeft -= take
                done += take
            } else if try !nextRun() {
                throw endOfData(count - done)
            }
        }
    }

    /// Decodes `count` definition levels as validity bits at `bitOffset` of `bitmap` (whose bits there are
    /// clear): a level equal to `maxLevel` is a present value. Returns how many are present.
    mutating func decodeValidity(
        into bitmap: UnsafeMutablePointer<UInt8>, bitOffset: Int, count: Int, maxLevel: UInt32
    ) throws(ParquetError) -> Int {
        var done = 0
        var present = 0
        while done < count {
            if repeatCount > 0 {
                let take = Swift.min(repeatCount, count - done)
                if repeatedValue == maxLevel {
                    ValidityBits.setRange(bitmap, from: bitOffset + done, count: take)
                    present += take
                } else if repeatedValue > maxLevel {
                    throw ParquetError(.corrupt, "definition level \(repeatedValue) exceeds the maximum \(maxLevel)")
                }
                repeatCount -= take
                done += take
            } else if packedLeft > 0 {
                let take = Swift.min(packedLeft, count - done, 256)
                let levels = try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) {
                    (scratch) throws(ParquetError) -> Int in
                    let pointer = scratch.baseAddress!
                    BitPacking.unpack32(
                        base + packedStart, byteCount: packedByteCount, bitWidth: bitWidth, first: packedUsed, count: take,
                        into: pointer)
                    var found = 0
                    var invalid: UInt32 = 0
                    for index in 0..<take {
                        let level = pointer[index]
                        invalid |= level > maxLevel ? 1 : 0
                        if level == maxLevel {
                            let bit = bitOffset &+ done &+ index
                            bitmap[bit &>> 3] |= UInt8(1) &<< UInt8(bit & 7)
                            found &+= 1
                        }
                    }
                    guard invalid == 0 else { throw ParquetError(.corrupt, "definition level exceeds the maximum \(maxLevel)") }
                    return found
                }
                present += levels
                packedUsed += take
                packedLeft -= take
                done += take
            } else if try !nextRun() {
                throw endOfData(count - done)
            }
        }
        return present
    }
}

/// Setting runs of bits in a validity bitmap (least significant bit first).
enum ValidityBits {
    @inlinable
    static func setRange(_ bitmap: UnsafeMutablePointer<UInt8>, from start: Int, count: Int) {
        var bit = start
        let end = start + count
        while bit < end && bit & 7 != 0 {
            bitmap[bit >> 3] |= UInt8(1) << UInt8(bit & 7)
            bit += 1
        }
        let fullBytes = (end - bit) / 8
        if fullBytes > 0 {
            (bitmap + (bit >> 3)).update(repeating: 0xFF, count: fullBytes)
            bit += fullBytes * 8
        }
        while bit < end {
            bitmap[bit >> 3] |= UInt8(1) << UInt8(bit & 7)
            bit += 1
        }
    }

    @inlinable
    static func isSet(_ bitmap: UnsafePointer<UInt8>, _ bit: Int) -> Bool {
        bitmap[bit &>> 3] & (UInt8(1) &<< UInt8(bit & 7)) != 0
    }
}
