// PLAIN values: fixed-width values back to back (little endian), booleans bit-packed LSB first, byte
// arrays as a 4-byte length and the bytes. Each call checks the bytes it needs before its loop.
import StrataCore

struct PlainDecoder {
    private let base: UnsafeRawPointer
    private let byteCount: Int
    private var position = 0
    /// Booleans used so far (they are bit-packed).
    private var bitPosition = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.nonNullBase
        byteCount = bytes.count
    }

    var remainingBytes: Int { byteCount - position }

    /// Bytes after the values decoded so far (booleans fill their last byte with padding bits).
    var unusedBytes: Int { bitPosition > 0 ? byteCount - (bitPosition + 7) / 8 : remainingBytes }

    private func endOfData(_ count: Int, _ what: String) -> ParquetError {
        ParquetError(.corrupt, "PLAIN data ends before \(count) \(what) values (\(remainingBytes) bytes left)")
    }

    /// Copies `count` values of `width` bytes.
    mutating func decodeFixed(count: Int, width: Int, into output: UnsafeMutableRawPointer) throws(ParquetError) {
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, size <= remainingBytes else { throw endOfData(count, "\(width)-byte") }
        output.copyMemory(from: base + position, byteCount: size)
        position += size
    }

    mutating func skipFixed(count: Int, width: Int) throws(ParquetError) {
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, size <= remainingBytes else { throw endOfData(count, "\(width)-byte") }
        position += size
    }

    /// Unpacks `count` booleans into one byte each (0 or 1).
    mutating func decodeBooleans(count: Int, into output: UnsafeMutablePointer<UInt8>) throws(ParquetError) {
        guard bitPosition + count <= byteCount * 8 else { throw endOfData(count, "boolean") }
        var bit = bitPosition
        for index in 0..<count {
            output[index] = (base.load(fromByteOffset: bit &>> 3, as: UInt8.self) &>> UInt8(bit & 7)) & 1
            bit &+= 1
        }
        bitPosition = bit
    }

    mutating func skipBooleans(count: Int) throws(ParquetError) {
        guard bitPosition + count <= byteCount * 8 else { throw endOfData(count, "boolean") }
        bitPosition += count
    }

    /// Appends `count` byte arrays to `bytes`, writing their end offsets to `offsets[1...count]`
    /// (`offsets[0]` holds the current end, `bytes.count`).
    mutating func decodeByteArrays(count: Int, offsets: UnsafeMutablePointer<Int64>, bytes: Buffer) throws(ParquetError) {
        // The values cannot take more bytes than are left, so one reservation covers them all (plus the
        // 16 bytes the short-value copy below may write past the last value).
        bytes.reserve(bytes.count + remainingBytes + 16)
        var cursor = position
        let end = byteCount
        var written = bytes.count
        let target = bytes.baseAddress
        for index in 0..<count {
            guard end &- cursor >= 4 else { throw endOfData(count - index, "byte array") }
            let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: cursor, as: UInt32.self)))
            cursor &+= 4
            guard length <= end &- cursor else {
                throw ParquetError(.corrupt, "PLAIN byte array of \(length) bytes runs past the \(end - cursor) bytes left")
            }
            if length <= 16 && end &- cursor >= 16 {
                // Short values (most strings): two 8-byte moves instead of a call to memcpy.
                let from = base + cursor
                let to = target + written
                to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                (to + 8).storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), as: UInt64.self)
            } else {
                (target + written).copyMemory(from: base + cursor, byteCount: length)
            }
            cursor &+= length
            written &+= length
            offsets[index &+ 1] = Int64(written)
        }
        bytes.count = written
        position = cursor
    }

    mutating func skipByteArrays(count: Int) throws(ParquetError) {
        for index in 0..<count {
            guard remainingBytes >= 4 else { throw endOfData(count - index, "byte array") }
            let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            guard length <= remainingBytes - 4 else {
                throw ParquetError(.corrupt, "PLAIN byte array of \(length) bytes runs past the end of the page")
            }
            position += 4 + length
        }
    }
}
