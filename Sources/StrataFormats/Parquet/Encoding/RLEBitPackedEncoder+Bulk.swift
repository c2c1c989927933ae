// The RLE / bit-packing hybrid written in bulk, as the Parquet writer needs it: dictionary indices from a
// buffer (runs found by scanning, literals packed in whole groups of 8) and definition levels straight
// from a validity bitmap (at bit width 1 a bit-packed group of 8 levels is exactly one bitmap byte).

extension RLEBitPackedEncoder {
    /// Appends `values` (each below `1 << bitWidth`) to `bytes` as RLE and bit-packed runs. A run of 8 or
    /// more equal values becomes an RLE run once the literals before it fill whole groups.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into bytes: inout [UInt8]) {
        let count = values.count
        guard count > 0, let base = values.baseAddress else { return }
        var literalStart = 0
        var index = 0
        while index < count {
            let value = base[index]
            var end = index &+ 1
            while end < count && base[end] == value { end &+= 1 }
            let runLength = end &- index
            if runLength >= 8 {
                // Borrow from the run to complete the literals' last group.
                let pad = (8 &- (index &- literalStart) & 7) & 7
                if runLength &- pad >= 8 {
                    appendLiterals(base + literalStart, count: index &+ pad &- literalStart, bitWidth: bitWidth, into: &bytes)
                    appendRun(value, count: runLength &- pad, bitWidth: bitWidth, into: &bytes)
                    literalStart = end
                }
            }
            index = end
        }
        if literalStart < count {
            appendLiterals(base + literalStart, count: count &- literalStart, bitWidth: bitWidth, into: &bytes)
        }
    }

    /// An RLE run of `count` copies of `value`.
    static func appendRun(_ value: UInt32, count: Int, bitWidth: Int, into bytes: inout [UInt8]) {
        Varint.writeUnsigned(UInt64(count) << 1, into: &bytes)
        var remaining = (bitWidth + 7) / 8
        var rest = value
        while remaining > 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
            remaining -= 1
        }
    }

    /// A bit-packed run of `count` values, the last group padded with zeros.
    static func appendLiterals(_ values: UnsafePointer<UInt32>, count: Int, bitWidth: Int, into bytes: inout [UInt8]) {
        guard count > 0 else { return }
        let groups = (count + 7) / 8
        Varint.writeUnsigned(UInt64(groups) << 1 | 1, into: &bytes)
        BitPacking.pack(UnsafeBufferPointer(start: values, count: count), bitWidth: bitWidth, into: &bytes)
        // `pack` pads to a whole byte; a whole group is `bitWidth` bytes.
        let packedBytes = (count * bitWidth + 7) / 8
        let groupBytes = groups * bitWidth
        if groupBytes > packedBytes { bytes.append(contentsOf: repeatElement(0, count: groupBytes - packedBytes)) }
    }

    /// Appends `count` levels of bit width 1 read from the bits of `bitmap` (least significant bit first):
    /// stretches of all-set or all-clear bytes as RLE runs, the rest copied as bit-packed groups.
    static func encodeBits(_ bitmap: UnsafePointer<UInt8>, count: Int, into bytes: inout [UInt8]) {
        guard count > 0 else { return }
        let fullBytes = count / 8
        var literalStart = 0
        var index = 0
        while index < fullBytes {
            let byte = bitmap[index]
            guard byte == 0 || byte == 0xFF else {
                index &+= 1
                continue
            }
            var end = index &+ 1
            while end < fullBytes && bitmap[end] == byte { end &+= 1 }
            // A run of one uniform byte costs more as RLE than inside the literals.
            if end &- index >= 2 {
                appendBitmapLiterals(bitmap + literalStart, byteCount: index &- literalStart, into: &bytes)
                appendRun(UInt32(byte & 1), count: (end &- index) &* 8, bitWidth: 1, into: &bytes)
                literalStart = end
            }
            index = end
        }
        let tailBits = count & 7
        if tailBits == 0 {
            appendBitmapLiterals(bitmap + literalStart, byteCount: fullBytes &- literalStart, into: &bytes)
        } else {
            appendBitmapLiterals(bitmap + literalStart, byteCount: fullBytes &- literalStart &+ 1, into: &bytes)
            // Readers take only `count` levels, but bits past it are cleared so files are deterministic.
            bytes[bytes.count - 1] &= UInt8((1 << tailBits) - 1)
        }
    }

    private static func appendBitmapLiterals(_ bitmap: UnsafePointer<UInt8>, byteCount: Int, into bytes: inout [UInt8]) {
        guard byteCount > 0 else { return }
        Varint.writeUnsigned(UInt64(byteCount) << 1 | 1, into: &bytes)
        bytes.append(contentsOf: UnsafeBufferPointer(start: bitmap, count: byteCount))
    }
}
