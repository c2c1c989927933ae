import StrataCore
import Testing
@testable import StrataFormats

@Suite struct EncodingTests {
    @Test(arguments: [0, 1, 2, 3, 5, 7, 8, 9, 13, 16, 20, 24, 31, 32])
    func rleHybridRoundTrips(bitWidth: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let maximum: UInt64 = bitWidth == 0 ? 0 : (UInt64(1) << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        // Runs, short stretches and noise, so both run kinds and their boundaries occur.
        while values.count < 3000 {
            let value = UInt32(UInt64.random(in: 0...maximum, using: &generator))
            let length = [1, 3, 8, 9, 40, 200][Int.random(in: 0..<6, using: &generator)]
            values += Bool.random(using: &generator)
                ? [UInt32](repeating: value, count: length)
                : (0..<length).map { _ in UInt32(UInt64.random(in: 0...maximum, using: &generator)) }
        }
        var encoder = RLEBitPackedEncoder(bitWidth: bitWidth)
        encoder.append(contentsOf: values)
        let bytes = encoder.finish()
        var decoded = [UInt32](repeating: 0, count: values.count)
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: bitWidth)
            // In uneven pieces, so reads stop inside runs.
            var done = 0
            var piece = 1
            while done < values.count {
                let count = Swift.min(piece, values.count - done)
                try decoded.withUnsafeMutableBufferPointer { try decoder.decode(into: $0.baseAddress! + done, count: count) }
                done += count
                piece = piece * 3 % 97 + 1
            }
            // Past the end: an error, and nothing written beyond the room given for the values asked for.
            #expect(throws: ParquetError.self) {
                var room = [UInt32](repeating: 0, count: 100)
                try room.withUnsafeMutableBufferPointer { try decoder.decode(into: $0.baseAddress!, count: 100) }
            }
        }
        #expect(decoded == values)
    }

    @Test func validityFromLevels() throws {
        let levels: [UInt32] = (0..<1000).map { $0 % 7 == 0 || ($0 > 300 && $0 < 400) ? 0 : 1 }
        var encoder = RLEBitPackedEncoder(bitWidth: 1)
        encoder.append(contentsOf: levels)
        let bytes = encoder.finish()
        let bitmap = Bitmap(count: 1003, allSet: false)
        let present = try bytes.withUnsafeBytes { raw in
            var decoder = try RLEBitPackedDecoder(raw, bitWidth: 1)
            let bits = bitmap.buffer.baseAddress.assumingMemoryBound(to: UInt8.self)
            let first = try decoder.decodeValidity(into: bits, bitOffset: 3, count: 500, maxLevel: 1)
            return first + (try decoder.decodeValidity(into: bits, bitOffset: 503, count: 500, maxLevel: 1))
        }
        #expect(present == levels.filter { $0 == 1 }.count)
        for (index, level) in levels.enumerated() { #expect(bitmap.isSet(index + 3) == (level == 1)) }
    }

    @Test func bitPackedLevelsAreMostSignificantBitFirst() throws {
        // Levels 1,0,1,1,0,0,0,1 | 1 packed MSB first: 0b10110001, 0b10000000.
        let bitmap = Bitmap(count: 9, allSet: false)
        var decoder = [UInt8]([0b1011_0001, 0b1000_0000]).withUnsafeBytes { BitPackedLevelDecoder($0, bitWidth: 1) }
        let present = try [UInt8]([0b1011_0001, 0b1000_0000]).withUnsafeBytes { raw in
            decoder = BitPackedLevelDecoder(raw, bitWidth: 1)
            return try decoder.decodeValidity(
                into: bitmap.buffer.baseAddress.assumingMemoryBound(to: UInt8.self), bitOffset: 0, count: 9, maxLevel: 1)
        }
        #expect(present == 5)
        #expect((0..<9).map { bitmap.isSet($0) } == [true, false, true, true, false, false, false, true, true])
    }

    @Test func deltaBinaryPackedRoundTrips() throws {
        let cases: [[Int64]] = [
            [],
            [42],
            Array(0..<1000).map { Int64($0) * 3 - 7 },
            (0..<777).map { _ in Int64.random(in: .min ... .max) },
            [Int64.min, Int64.max, 0, -1, Int64.max, Int64.min],
            (0..<300).map { Int64($0 % 5) },
        ]
        for values in cases {
            let bytes = values.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0) }
            let output = Buffer()
            let consumed = try bytes.withUnsafeBytes { raw in
                try DeltaBinaryPackedDecoder.decode(raw, maximumCount: values.count, into: output)
            }
            #expect(consumed == bytes.count)
            #expect(Array(output.values(as: Int64.self)) == values)
        }
        // More values than the page allows.
        let bytes = [Int64](repeating: 1, count: 10).withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0) }
        #expect(throws: ParquetError.self) {
            try bytes.withUnsafeBytes { raw in try DeltaBinaryPackedDecoder.decode(raw, maximumCount: 5, into: Buffer()) }
        }
    }

    /// `values` laid out as the byte-array encoders take them (offsets and bytes), encoded by `encode`.
    static func encoded(
        _ values: [[UInt8]],
        with encode: (UnsafePointer<Int64>, UnsafeRawPointer, Int, inout [UInt8]) -> Void
    ) -> [UInt8] {
        var offsets: [Int64] = [0]
        var data: [UInt8] = []
        for value in values {
            data += value
            offsets.append(Int64(data.count))
        }
        var bytes: [UInt8] = []
        offsets.withUnsafeBufferPointer { offsets in
            data.withUnsafeBytes { data in encode(offsets.baseAddress!, data.nonNullBase, values.count, &bytes) }
        }
        return bytes
    }

    @Test func deltaByteArraysRoundTrip() throws {
        let values: [[UInt8]] = ["", "apple", "applesauce", "apply", "banana", "", "band", "bandana"].map { Array($0.utf8) }
        let lengthEncoded = Self.encoded(values, with: DeltaLengthByteArrayEncoder.encode)
        let offsets = Buffer()
        let (start, end) = try lengthEncoded.withUnsafeBytes { raw in
            try DeltaLengthByteArrayDecoder.decode(raw, maximumCount: 100, offsets: offsets, lengths: Buffer())
        }
        #expect(end == lengthEncoded.count)
        let ends = offsets.values(as: Int64.self)
        let joined = Array(lengthEncoded[start..<end])
        #expect(joined == values.flatMap { $0 })
        #expect(ends.last == Int64(joined.count))

        let prefixEncoded = Self.encoded(values, with: DeltaByteArrayEncoder.encode)
        let prefixOffsets = Buffer()
        let bytes = Buffer()
        let count = try prefixEncoded.withUnsafeBytes { raw in
            try DeltaByteArrayDecoder.decode(
                raw, maximumCount: 100, offsets: prefixOffsets, values: bytes, scratch: Buffer(), suffixOffsets: Buffer())
        }
        #expect(count == values.count)
        let rebuilt = prefixOffsets.values(as: Int64.self)
        for index in 0..<count {
            let slice = Array(bytes.bytes[Int(rebuilt[index])..<Int(rebuilt[index + 1])])
            #expect(slice == values[index])
        }
    }

    @Test func byteStreamSplitRoundTrips() throws {
        let values: [Double] = (0..<101).map { Double($0) * 1.5 - 20 }
        let encoded = values.withUnsafeBytes { ByteStreamSplitEncoder.encode($0, width: 8) }
        var decoded = [Double](repeating: 0, count: values.count)
        try encoded.withUnsafeBytes { raw in
            var decoder = try ByteStreamSplitDecoder(raw, width: 8)
            try decoded.withUnsafeMutableBytes { out in
                try decoder.decode(count: 50, into: out.baseAddress!)
                try decoder.decode(count: 51, into: out.baseAddress! + 400)
            }
            #expect(throws: ParquetError.self) { try decoder.skip(1) }
        }
        #expect(decoded == values)
        #expect(throws: ParquetError.self) { try [UInt8](repeating: 0, count: 7).withUnsafeBytes { try ByteStreamSplitDecoder($0, width: 4) } }
    }

    @Test func plainByteArraysCheckLengths() throws {
        var encoder = PlainEncoder()
        for text in ["a", "bc", ""] { Array(text.utf8).withUnsafeBytes { encoder.append(byteArray: $0) } }
        var bytes = encoder.bytes
        let offsets = Buffer(zeroedCount: 8 * 4)
        let values = Buffer()
        try bytes.withUnsafeBytes { raw in
            var decoder = PlainDecoder(raw)
            try decoder.decodeByteArrays(count: 3, offsets: offsets.baseAddress.assumingMemoryBound(to: Int64.self), bytes: values)
        }
        #expect(Array(offsets.values(as: Int64.self)) == [0, 1, 3, 3])
        // A length past the end.
        bytes[0] = 0xF0
        bytes[3] = 0xFF
        #expect(throws: ParquetError.self) {
            try bytes.withUnsafeBytes { raw in
                var decoder = PlainDecoder(raw)
                try decoder.decodeByteArrays(count: 1, offsets: offsets.baseAddress.assumingMemoryBound(to: Int64.self), bytes: values)
            }
        }
    }

    @Test func bitPackingRoundTripsEveryWidth() {
        for width in 0...64 {
            let mask: UInt64 = width == 64 ? .max : (UInt64(1) << UInt64(width)) - 1
            let values: [UInt64] = (0..<77).map { _ in UInt64.random(in: 0...UInt64.max) & mask }
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: width, into: &bytes) }
            var decoded = [UInt64](repeating: 0, count: values.count)
            bytes.withUnsafeBytes { raw in
                decoded.withUnsafeMutableBufferPointer { out in
                    BitPacking.unpack64(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, byteCount: raw.count, bitWidth: width, first: 0, count: values.count, into: out.baseAddress!)
                }
            }
            #expect(decoded == values, "width \(width)")
        }
    }
}
