// Packing and unpacking of bit-packed integers, least significant bit first (the order of the RLE hybrid
// and delta encodings). Callers check once that the bytes hold every value asked for; the loops then run
// unchecked, loading 8 bytes at a time while 8 bytes remain and finishing byte by byte.

enum BitPacking {
    /// Unpacks values `first ..< first + count` of width `bitWidth` (0...32) from `base`, which holds
    /// `byteCount` bytes, at least `(first + count) * bitWidth` bits of them.
    @inlinable
    static func unpack32(
        _ base: UnsafeRawPointer, byteCount: Int, bitWidth: Int, first: Int, count: Int,
        into output: UnsafeMutablePointer<UInt32>
    ) {
        guard count > 0 else { return }
        switch bitWidth {
        case 0:
            output.initialize(repeating: 0, count: count)
            return
        case 8:
            let source = base.assumingMemoryBound(to: UInt8.self) + first
            for index in 0..<count { output[index] = UInt32(source[index]) }
            return
        case 16:
            for index in 0..<count {
                output[index] = UInt32(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: (first + index) &* 2, as: UInt16.self)))
            }
            return
        case 32:
            for index in 0..<count {
                output[index] = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: (first + index) &* 4, as: UInt32.self))
            }
            return
        default:
            break
        }
        let mask = (UInt64(1) << UInt64(bitWidth)) &- 1
        let end = first + count
        // Values whose 8-byte load stays inside the buffer.
        var fastEnd = first
        if byteCount >= 8 {
            fastEnd = Swift.min(end, ((byteCount - 8) * 8 + 7) / bitWidth + 1)
        }
        var value = first
        var out = output
        while value < fastEnd {
            let bit = value &* bitWidth
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self))
            out.pointee = UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
            out += 1
            value &+= 1
        }
        while value < end {
            let bit = value &* bitWidth
            let word = loadTail(base, byteCount: byteCount, at: bit &>> 3)
            out.pointee = UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
            out += 1
            value &+= 1
        }
    }

    /// Unpacks values of width `bitWidth` (0...64) as `unpack32` does, into 64-bit integers.
    @inlinable
    static func unpack64(
        _ base: UnsafeRawPointer, byteCount: Int, bitWidth: Int, first: Int, count: Int,
        into output: UnsafeMutablePointer<UInt64>
    ) {
        guard count > 0 else { return }
        if bitWidth == 0 {
            output.initialize(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = bitWidth == 64 ? ~0 : (UInt64(1) << UInt64(bitWidth)) &- 1
        let end = first + count
        var fastEnd = first
        if byteCount >= 16 {
            fastEnd = Swift.min(end, ((byteCount - 16) * 8 + 7) / bitWidth + 1)
        }
        var value = first
        var out = output
        while value < fastEnd {
            let bit = value &* bitWidth
            let byte = bit &>> 3
            let shift = UInt64(bit & 7)
            var word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) &>> shift
            if shift &+ UInt64(bitWidth) > 64 {
                let high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte &+ 8, as: UInt64.self))
                word |= high &<< (64 &- shift)
            }
            out.pointee = word & mask
            out += 1
            value &+= 1
        }
        while value < end {
            let bit = value &* bitWidth
            let byte = bit &>> 3
            let shift = UInt64(bit & 7)
            var word = loadTail(base, byteCount: byteCount, at: byte) &>> shift
            if shift &+ UInt64(bitWidth) > 64 {
                word |= loadTail(base, byteCount: byteCount, at: byte &+ 8) &<< (64 &- shift)
            }
            out.pointee = word & mask
            out += 1
            value &+= 1
        }
    }

    /// Up to 8 bytes at `offset`, zero past `byteCount`.
    @inlinable
    static func loadTail(_ base: UnsafeRawPointer, byteCount: Int, at offset: Int) -> UInt64 {
        var word: UInt64 = 0
        var index = 0
        while index < 8 && offset &+ index < byteCount {
            word |= UInt64(base.load(fromByteOffset: offset &+ index, as: UInt8.self)) &<< UInt64(index &* 8)
            index &+= 1
        }
        return word
    }

    /// Appends `values` packed at `bitWidth` bits each (LSB first), padded to a whole byte.
    static func pack<T: FixedWidthInteger & UnsignedInteger>(_ values: UnsafeBufferPointer<T>, bitWidth: Int, into bytes: inout [UInt8]) {
        guard bitWidth > 0 else { return }
        var accumulator: UInt64 = 0
        var bits = 0
        for value in values {
            let wide = UInt64(truncatingIfNeeded: value)
            accumulator |= wide &<< UInt64(bits)
            let taken = Swift.min(bitWidth, 64 - bits)
            bits += taken
            while bits >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
            if taken < bitWidth {
                // The part of the value that did not fit in the accumulator.
                accumulator |= (wide &>> UInt64(taken)) &<< UInt64(bits)
                bits += bitWidth - taken
                while bits >= 8 {
                    bytes.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator >>= 8
                    bits -= 8
                }
            }
        }
        if bits > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    /// Bits needed for `value`.
    @inlinable
    static func width<T: FixedWidthInteger>(_ value: T) -> Int {
        T.bitWidth - value.leadingZeroBitCount
    }
}
