// The definition levels of the page being written, kept as a bitmap (a flat optional column has levels
// 0 and 1, so its levels are its validity): appended from batch validity bitmaps at any bit offset, and
// encoded at the end of the page with `RLEBitPackedEncoder.encodeBits`.
import StrataCore

struct DefinitionLevelBuffer {
    private(set) var bits: [UInt8] = []
    private(set) var count = 0

    /// Bytes the encoded levels will take, at most (a bit per level plus run headers).
    var estimatedBytes: Int { count / 8 + 8 }

    var memoryBytes: Int { bits.capacity }

    mutating func removeAll() {
        bits.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Appends `length` levels: set bits of `validity` from bit `start` (all set when there is none).
    /// Returns how many are set (the non-null values).
    mutating func append(_ validity: Bitmap?, from start: Int, count length: Int) -> Int {
        guard length > 0 else { return 0 }
        guard let validity else {
            appendRun(true, length)
            return length
        }
        let neededBytes = (count + length + 7) / 8
        if bits.count < neededBytes { bits.appendZeros(neededBytes - bits.count) }
        let source = UnsafePointer(validity.buffer.baseAddress.assumingMemoryBound(to: UInt8.self))
        let sourceBytes = validity.buffer.count
        var present = 0
        bits.withUnsafeMutableBufferPointer { target in
            var done = 0
            while done < length {
                // Up to 8 bits from the source at bit `start + done`, into the target at bit `count + done`.
                let take = Swift.min(8, length - done)
                let sourceBit = start + done
                let byte = sourceBit >> 3
                var word = UInt16(source[byte])
                if byte + 1 < sourceBytes { word |= UInt16(source[byte + 1]) << 8 }
                let chunk = UInt8(truncatingIfNeeded: word >> UInt16(sourceBit & 7)) & UInt8(truncatingIfNeeded: (1 << take) - 1)
                present &+= chunk.nonzeroBitCount
                let targetBit = count + done
                let targetByte = targetBit >> 3
                let shift = targetBit & 7
                target[targetByte] |= chunk << UInt8(shift)
                if shift + take > 8 { target[targetByte + 1] |= chunk >> UInt8(8 - shift) }
                done += take
            }
        }
        count += length
        return present
    }

    /// Appends `length` equal levels.
    mutating func appendRun(_ present: Bool, _ length: Int) {
        let neededBytes = (count + length + 7) / 8
        if bits.count < neededBytes { bits.appendZeros(neededBytes - bits.count) }
        guard present else {
            count += length
            return
        }
        bits.withUnsafeMutableBufferPointer { target in
            var bit = count
            let end = count + length
            while bit < end && bit & 7 != 0 {
                target[bit >> 3] |= 1 << UInt8(bit & 7)
                bit += 1
            }
            while bit + 8 <= end {
                target[bit >> 3] = 0xFF
                bit += 8
            }
            while bit < end {
                target[bit >> 3] |= 1 << UInt8(bit & 7)
                bit += 1
            }
        }
        count += length
    }

    /// Appends the levels, RLE / bit-packed at bit width 1, to `bytes`.
    func encode(into bytes: inout [UInt8]) {
        bits.withUnsafeBufferPointer { bits in
            guard let base = bits.baseAddress else { return }
            RLEBitPackedEncoder.encodeBits(base, count: count, into: &bytes)
        }
    }
}
