// Writes the RLE / bit-packing hybrid: runs of 8 or more equal values as RLE runs, the rest bit-packed
// in groups of 8 (the last group padded with zeros).

struct RLEBitPackedEncoder {
    let bitWidth: Int
    private(set) var bytes: [UInt8] = []
    /// Values not yet written: a pending bit-packed stretch, kept a multiple of 8 except at the end.
    private var pending: [UInt32] = []
    private var runValue: UInt32 = 0
    private var runLength = 0

    init(bitWidth: Int) {
        self.bitWidth = bitWidth
    }

    mutating func append(_ value: UInt32) {
        if runLength > 0 && value == runValue {
            runLength += 1
            return
        }
        flushRun()
        runValue = value
        runLength = 1
    }

    mutating func append<S: Sequence>(contentsOf values: S) where S.Element == UInt32 {
        for value in values { append(value) }
    }

    /// Moves the current run to the output: as an RLE run when long enough and the pending bit-packed
    /// values are group-aligned, else into the pending bit-packed values.
    private mutating func flushRun() {
        guard runLength > 0 else { return }
        // Top up the pending values to a whole group from the run, so an RLE run can follow.
        while pending.count % 8 != 0 && runLength > 0 {
            pending.append(runValue)
            runLength -= 1
        }
        if runLength >= 8 {
            flushPacked()
            writeVarint(UInt64(runLength) << 1)
            let valueBytes = (bitWidth + 7) / 8
            for index in 0..<valueBytes { bytes.append(UInt8(truncatingIfNeeded: runValue >> UInt32(index * 8))) }
        } else {
            pending.append(contentsOf: repeatElement(runValue, count: runLength))
        }
        runLength = 0
    }

    private mutating func flushPacked() {
        guard !pending.isEmpty else { return }
        while pending.count % 8 != 0 { pending.append(0) }
        // Bit-packed runs hold at most 63 groups in a one-byte header; longer ones take a longer varint.
        writeVarint(UInt64(pending.count / 8) << 1 | 1)
        pending.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: bitWidth, into: &bytes) }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// The encoded bytes, with everything appended written out.
    mutating func finish() -> [UInt8] {
        flushRun()
        flushPacked()
        return bytes
    }
}
