// The bulk encoders the writer uses, decoded by the reader's decoders: RLE / bit-packed runs of indices
// and of bitmap levels, DELTA_BINARY_PACKED at the edges of INT32 and INT64, the byte-array encodings from
// offsets, and booleans packed 8 to a byte.
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct WriterEncodingTests {
    @Test(arguments: [1, 2, 5, 8, 13, 20, 32])
    func bulkRLERoundTrips(bitWidth: Int) throws {
        var generator = SeededRandom(seed: UInt64(bitWidth))
        let maximum: UInt64 = (UInt64(1) << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        while values.count < 5000 {
            let value = UInt32(UInt64.random(in: 0...maximum, using: &generator))
            let length = [1, 2, 7, 8, 9, 15, 16, 17, 300][Int.random(in: 0..<9, using: &generator)]
            values += Bool.random(using: &generator)
                ? [UInt32](repeating: value, count: length)
                : (0..<length).map { _ in UInt32(UInt64.random(in: 0...maximum, using: &generator)) }
        }
        for count in [0, 1, 7, 8, 9, values.count] {
            var bytes: [UInt8] = []
            Array(values.prefix(count)).withUnsafeBufferPointer { RLEBitPackedEncoder.encode($0, bitWidth: bitWidth, into: &bytes) }
            var decoded = [UInt32](repeating: 0, count: count)
            try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
                try decoded.withUnsafeMutableBufferPointer { try decoder.decode(into: $0.baseAddress!, count: count) }
            }
            #expect(decoded == Array(values.prefix(count)))
        }
        // Long runs become RLE runs: 10 000 equal values take a few bytes.
        var bytes: [UInt8] = []
        [UInt32](repeating: 3, count: 10_000).withUnsafeBufferPointer { RLEBitPackedEncoder.encode($0, bitWidth: bitWidth, into: &bytes) }
        #expect(bytes.count <= 8)
    }

    @Test func levelsFromBitmapsRoundTrip() throws {
        var generator = SeededRandom(seed: 7)
        for count in [1, 7, 8, 9, 63, 64, 65, 1000, 4099] {
            // Stretches of present, absent and mixed values.
            let bitmap = Bitmap(count: count, allSet: false)
            var row = 0
            var levels: [Bool] = []
            while row < count {
                let kind = Int.random(in: 0..<3, using: &generator)
                for _ in 0..<Swift.min(Int.random(in: 1...70, using: &generator), count - row) {
                    let present = kind == 0 || (kind == 2 && Bool.random(using: &generator))
                    if present { bitmap.set(row) }
                    levels.append(present)
                    row += 1
                }
            }
            var buffer = DefinitionLevelBuffer()
            // Appended in pieces at odd offsets, as slices of batches are.
            var start = 0
            var present = 0
            while start < count {
                let length = Swift.min(count - start, Int.random(in: 1...23, using: &generator))
                present += buffer.append(bitmap, from: start, count: length)
                start += length
            }
            #expect(present == levels.filter { $0 }.count)
            var bytes: [UInt8] = []
            buffer.encode(into: &bytes)
            let decoded = Bitmap(count: count, allSet: false)
            try bytes.withUnsafeBytes { raw in
                var decoder = try RLEBitPackedDecoder(raw, bitWidth: 1)
                _ = try decoder.decodeValidity(
                    into: decoded.buffer.baseAddress.assumingMemoryBound(to: UInt8.self), bitOffset: 0, count: count, maxLevel: 1)
            }
            #expect((0..<count).map(decoded.isSet) == levels)
        }
        var runs = DefinitionLevelBuffer()
        runs.appendRun(true, 1000)
        runs.appendRun(false, 3)
        runs.appendRun(true, 5)
        #expect(runs.count == 1008)
        var bytes: [UInt8] = []
        runs.encode(into: &bytes)
        #expect(bytes.count < 12)
    }

    @Test func deltaBinaryPackedWrapsInTheValuesWidth() throws {
        let narrow: [Int32] = [Int32.min, Int32.max, 0, -1, Int32.max, Int32.min, 5] + (0..<300).map { Int32($0 * 7 - 1000) }
        let wide: [Int64] = [Int64.min, Int64.max, 0, -1, Int64.max, Int64.min] + (0..<300).map { Int64($0) * 1_000_000_007 }
        var bytes: [UInt8] = []
        narrow.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0, into: &bytes) }
        let output = Buffer()
        try bytes.withUnsafeBytes { raw in _ = try DeltaBinaryPackedDecoder.decode(raw, maximumCount: narrow.count, into: output) }
        #expect(output.values(as: Int64.self).map { Int32(truncatingIfNeeded: $0) } == narrow)
        // Every miniblock width of an INT32 stream stays within 32 bits.
        #expect(bytes.count < narrow.count * 4 + 64)
        bytes = []
        wide.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0, into: &bytes) }
        let wideOutput = Buffer()
        try bytes.withUnsafeBytes { raw in _ = try DeltaBinaryPackedDecoder.decode(raw, maximumCount: wide.count, into: wideOutput) }
        #expect(Array(wideOutput.values(as: Int64.self)) == wide)
    }

    @Test func booleansPackEightToAByte() {
        let values: [UInt8] = [1, 0, 1, 1, 0, 0, 0, 1, 1, 7]
        var bytes: [UInt8] = [0xAA]
        values.withUnsafeBufferPointer { PlainEncoder.packBooleans($0.baseAddress!, count: values.count, into: &bytes) }
        #expect(bytes == [0xAA, 0b1000_1101, 0b0000_0011])
    }
}
