import Testing
@testable import StrataFormats

@Suite struct CodecTests {
    static let codecs: [CompressionCodec] = [.snappy, .gzip, .zstd, .lz4Raw, .lz4, .brotli]

    @Test(arguments: codecs)
    func roundTrips(codec: CompressionCodec) throws {
        let instance = try #require(try codec.makeCodec())
        for input in [[UInt8](), Array("hello hello hello hello".utf8), (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) }] {
            let compressed = try input.withUnsafeBytes { try instance.compress($0) }
            var output = [UInt8](repeating: 0, count: input.count)
            try compressed.withUnsafeBytes { source in
                try output.withUnsafeMutableBytes { try instance.decompress(source, into: $0) }
            }
            #expect(output == input)
            // A size other than the true one is an error, not a short or overlong page.
            var wrong = [UInt8](repeating: 0, count: input.count + 1)
            #expect(throws: ParquetError.self) {
                try compressed.withUnsafeBytes { source in try wrong.withUnsafeMutableBytes { try instance.decompress(source, into: $0) } }
            }
        }
    }

    @Test(arguments: codecs)
    func garbageIsAnError(codec: CompressionCodec) throws {
        let instance = try #require(try codec.makeCodec())
        let garbage: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        var output = [UInt8](repeating: 0, count: 5000)
        #expect(throws: ParquetError.self) {
            try garbage.withUnsafeBytes { source in try output.withUnsafeMutableBytes { try instance.decompress(source, into: $0) } }
        }
    }

    @Test func hadoopLZ4FallsBackToRawBlocks() throws {
        let input = Array(String(repeating: "parquet ", count: 500).utf8)
        let raw = try input.withUnsafeBytes { try LZ4RawCodec().compress($0) }
        var output = [UInt8](repeating: 0, count: input.count)
        try raw.withUnsafeBytes { source in try output.withUnsafeMutableBytes { try LZ4HadoopCodec().decompress(source, into: $0) } }
        #expect(output == input)
    }

    @Test func lzoIsUnsupported() {
        #expect { try CompressionCodec.lzo.makeCodec() } throws: { ($0 as? ParquetError)?.code == .unsupported }
    }
}
