// Bad input: every case is an error naming the file (and, where it applies, the row group, column and
// byte offset), never a crash or a read past a buffer. Random mutations of valid files must throw or
// succeed.
import Foundation
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct CorruptFileTests {
    /// A valid file: one optional INT64 column, dictionary-encoded, snappy, 3 row groups, plus strings.
    static func validFile(in folder: TemporaryDirectory, _ extra: String = "") throws -> [UInt8] {
        let path = folder.file("valid.parquet")
        try Python.run("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({'n': pa.array([i % 13 if i % 5 else None for i in range(3000)], pa.int64()),
                          's': pa.array(['v' + str(i % 50) for i in range(3000)])})
            pq.write_table(t, sys.argv[1], row_group_size=1000, data_page_size=1024 \(extra))
            """, arguments: [path])
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func readEverything(_ file: ParquetFile) throws {
        let reader = file.makeBatchReader(columns: file.schema.readableColumnIndices, batchSize: 333)
        while let batch = try reader.next() { _ = batch.columns.map(\.nullCount) }
    }

    func expectError(
        _ bytes: [UInt8], in folder: TemporaryDirectory, _ check: (ParquetError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let file = try ParquetFile.open(bytes: bytes, in: folder.path)
            try readEverything(file)
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as ParquetError {
            #expect(error.file?.hasSuffix("test.parquet") == true, "\(error)", sourceLocation: sourceLocation)
            #expect(check(error), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func truncatedFiles() throws {
        let folder = try TemporaryDirectory()
        let bytes = try Self.validFile(in: folder)
        for length in [0, 3, 11, 12, 100, bytes.count / 2, bytes.count - 1] {
            expectError(Array(bytes.prefix(length)), in: folder) { $0.code == .corrupt }
        }
    }

    @Test func badMagic() throws {
        let folder = try TemporaryDirectory()
        var bytes = try Self.validFile(in: folder)
        bytes[bytes.count - 1] = UInt8(ascii: "X")
        expectError(bytes, in: folder) { $0.message.contains("PAR1") && $0.offset == bytes.count - 4 }
        var encrypted = try Self.validFile(in: folder)
        encrypted[encrypted.count - 1] = UInt8(ascii: "E")
        expectError(encrypted, in: folder) { $0.code == .unsupported && $0.message.contains("encrypted") }
        var head = try Self.validFile(in: folder)
        head[0] = 0
        expectError(head, in: folder) { $0.message.contains("start with PAR1") && $0.offset == 0 }
    }

    @Test func footerLengthPastTheEnd() throws {
        let folder = try TemporaryDirectory()
        var bytes = try Self.validFile(in: folder)
        for length: UInt32 in [UInt32(bytes.count), 0x7FFF_FFFF, 0xFFFF_FFFF] {
            withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: $0) }
            expectError(bytes, in: folder) { $0.message.contains("footer length") && $0.offset == bytes.count - 8 }
        }
        // A footer length that is too short cuts the metadata.
        withUnsafeBytes(of: UInt32(20).littleEndian) { bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: $0) }
        expectError(bytes, in: folder) { $0.code == .corrupt && $0.offset != nil }
    }

    @Test func corruptPageHeaders() throws {
        let folder = try TemporaryDirectory()
        let bytes = try Self.validFile(in: folder)
        let file = try ParquetFile.open(bytes: bytes, in: folder.path, name: "probe.parquet")
        let range = try file.chunkRange(rowGroup: 1, column: 0)
        // Garbage where the first page header of row group 1, column n is.
        var broken = bytes
        for index in range.lowerBound..<(range.lowerBound + 6) { broken[index] = 0xFF }
        expectError(broken, in: folder) {
            $0.rowGroup == 1 && $0.column == "n" && ($0.offset ?? 0) >= range.lowerBound && ($0.offset ?? .max) < range.upperBound
        }
        // A page size far past the chunk: header byte 2 starts the uncompressed size varint of field 2.
        var oversized = bytes
        oversized.replaceSubrange(range.lowerBound..<(range.lowerBound + 4), with: [0x15, 0x04, 0x15, 0xFE])
        expectError(oversized, in: folder) { $0.rowGroup == 1 && $0.column == "n" && $0.offset != nil }
    }

    @Test func decompressionFailures() throws {
        let folder = try TemporaryDirectory()
        let bytes = try Self.validFile(in: folder)
        let file = try ParquetFile.open(bytes: bytes, in: folder.path, name: "probe.parquet")
        let range = try file.chunkRange(rowGroup: 2, column: 1)
        var reader = PageReader(bytes: bytes, range: range, fileOffset: range.lowerBound)
        let page = try #require(try reader.next())
        var broken = bytes
        for index in page.dataOffset..<(page.dataOffset + Swift.min(page.compressedSize, 12)) { broken[index] ^= 0x5A }
        expectError(broken, in: folder) {
            $0.rowGroup == 2 && $0.column == "s" && $0.offset == page.offset && $0.message.contains("SNAPPY")
        }
    }

    @Test func dictionaryIndicesOutOfRange() throws {
        let folder = try TemporaryDirectory()
        let column = TestColumn(
            element: SchemaElement(name: "x", type: .int64, repetition: .required),
            pages: [
                try .dictionary(TestParquetWriter.plain([Int64(10), 20]), count: 2),
                try .data(TestParquetWriter.dictionaryIndices([0, 1, 5, 1], bitWidth: 3), count: 4, encoding: .rleDictionary),
            ])
        expectError(TestParquetWriter.file([column], rows: 4), in: folder) {
            $0.column == "x" && $0.rowGroup == 0 && $0.message.contains("dictionary index 5") && $0.offset != nil
        }
        // A dictionary-encoded page without a dictionary.
        let orphan = TestColumn(
            element: SchemaElement(name: "x", type: .int64, repetition: .required),
            pages: [try .data(TestParquetWriter.dictionaryIndices([0, 0], bitWidth: 1), count: 2, encoding: .rleDictionary)])
        expectError(TestParquetWriter.file([orphan], rows: 2), in: folder) { $0.message.contains("without a dictionary") }
    }

    @Test func lengthsThatOverflow() throws {
        let folder = try TemporaryDirectory()
        let element = SchemaElement(name: "s", type: .byteArray, repetition: .required, logicalType: .string)
        // A PLAIN byte array claiming 4 GiB.
        let huge = TestColumn(element: element, pages: [try .data([0xFF, 0xFF, 0xFF, 0xFF, 0x41], count: 1)])
        expectError(TestParquetWriter.file([huge], rows: 1), in: folder) { $0.column == "s" && $0.message.contains("runs past") }
        // More values claimed than the page holds.
        let short = TestColumn(element: element, pages: [try .data(TestParquetWriter.plain(byteArrays: [[65]]), count: 1000)])
        expectError(TestParquetWriter.file([short], rows: 1000), in: folder) { $0.column == "s" }
        // Definition levels claiming more bytes than the page has.
        var levels = try TestPage.data(TestParquetWriter.plain([Int32(1)]), count: 1, definitionLevels: [1])
        levels.stored.replaceSubrange(0..<4, with: [0xFF, 0xFF, 0xFF, 0x7F])
        let optional = TestColumn(element: SchemaElement(name: "i", type: .int32, repetition: .optional), pages: [levels])
        expectError(TestParquetWriter.file([optional], rows: 1), in: folder) { $0.message.contains("definition levels") }
        // A row count the pages do not reach.
        let few = TestColumn(
            element: SchemaElement(name: "i", type: .int32, repetition: .required),
            pages: [try .data(TestParquetWriter.plain([Int32(1), 2]), count: 2)])
        expectError(TestParquetWriter.file([few], rows: 5), in: folder) { $0.message.contains("ends before") }
        // Negative and huge sizes in a page header.
        var negative = try TestPage.data(TestParquetWriter.plain([Int32(1)]), count: 1)
        negative.header.uncompressedPageSize = -1
        let bad = TestColumn(element: SchemaElement(name: "i", type: .int32, repetition: .required), pages: [negative])
        expectError(TestParquetWriter.file([bad], rows: 1), in: folder) { $0.message.contains("negative") }
        var claimed = try TestPage.data(TestParquetWriter.plain([Int32(1)]), count: 1, codec: .snappy)
        claimed.header.uncompressedPageSize = Int32.max
        let bomb = TestColumn(element: SchemaElement(name: "i", type: .int32, repetition: .required), codec: .snappy, pages: [claimed])
        expectError(TestParquetWriter.file([bomb], rows: 1), in: folder) { $0.message.contains("uncompressed bytes") }
    }

    @Test func checksumsAreVerifiedWhenAsked() throws {
        let folder = try TemporaryDirectory()
        var page = try TestPage.data(TestParquetWriter.plain([Int32(7), 8]), count: 2, codec: .zstd, crc: true)
        let good = TestColumn(element: SchemaElement(name: "i", type: .int32, repetition: .required), codec: .zstd, pages: [page])
        var options = ParquetReadOptions()
        options.verifyChecksums = true
        let file = try ParquetFile.open(bytes: TestParquetWriter.file([good], rows: 2), in: folder.path, options: options)
        #expect(try ParquetFixtures.readAll(file)["i"] == [.integer(7), .integer(8)])
        page.header.crc = page.header.crc! ^ 1
        let bad = TestColumn(element: SchemaElement(name: "i", type: .int32, repetition: .required), codec: .zstd, pages: [page])
        let corrupt = try ParquetFile.open(bytes: TestParquetWriter.file([bad], rows: 2), in: folder.path, name: "bad.parquet", options: options)
        #expect { try ParquetFixtures.readAll(corrupt) } throws: { ($0 as? ParquetError)?.message.contains("checksum") == true }
        // Without verification the page reads.
        let unchecked = try ParquetFile.open(bytes: TestParquetWriter.file([bad], rows: 2), in: folder.path, name: "unchecked.parquet")
        #expect(try ParquetFixtures.readAll(unchecked)["i"] == [.integer(7), .integer(8)])
    }

    /// Random byte flips, overwrites and truncations of valid files: reading must throw a ParquetError or
    /// succeed, and never crash or read out of bounds. `STRATA_FUZZ_ROUNDS` runs a longer campaign.
    @Test(arguments: [
        "",
        ", compression='zstd', data_page_version='2.0', use_dictionary=False, column_encoding={'n': 'DELTA_BINARY_PACKED', 's': 'DELTA_BYTE_ARRAY', 'i': 'DELTA_BINARY_PACKED', 'b': 'DELTA_LENGTH_BYTE_ARRAY', 'f': 'BYTE_STREAM_SPLIT', 'flag': 'RLE'}",
        ", compression='gzip', write_page_index=True, data_page_version='2.0'",
        ", compression='lz4', use_dictionary=False, column_encoding={'d': 'BYTE_STREAM_SPLIT', 'f': 'BYTE_STREAM_SPLIT', 'b': 'DELTA_BYTE_ARRAY'}",
        ", compression='none', dictionary_pagesize_limit=64",
    ])
    func randomMutationsNeverCrash(options: String) throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("seed.parquet")
        try Python.run("""
            import sys, decimal, pyarrow as pa, pyarrow.parquet as pq
            n = 600
            t = pa.table({'n': pa.array([i % 13 if i % 5 else None for i in range(n)], pa.int64()),
                          's': pa.array(['v' + str(i % 50) if i % 7 else None for i in range(n)]),
                          'i': pa.array([i * 7919 % 1000 for i in range(n)], pa.int32()),
                          'f': pa.array([i / 3 for i in range(n)]),
                          'd': pa.array([decimal.Decimal(i).scaleb(-2) for i in range(n)], pa.decimal128(20, 2)),
                          'b': pa.array([bytes([i % 256]) * (i % 5) for i in range(n)]),
                          'flag': pa.array([i % 3 == 0 for i in range(n)]),
                          't': pa.array(list(range(n)), pa.timestamp('ns'))})
            pq.write_table(t, sys.argv[1], row_group_size=250, data_page_size=512 \(options))
            """, arguments: [path])
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let rounds = ProcessInfo.processInfo.environment["STRATA_FUZZ_ROUNDS"].flatMap(Int.init) ?? 120
        var generator = SeededRandom(seed: UInt64(bytes.count))
        var outcomes = (read: 0, failed: 0)
        for round in 0..<rounds {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let position = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: mutated[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
                case 1: mutated[position] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &generator)]
                case 2: mutated[position] = UInt8.random(in: 0...255, using: &generator)
                default:
                    // Keep the tail (footer) but damage the middle, where pages are.
                    let end = Swift.min(mutated.count - 8, position + Int.random(in: 1...64, using: &generator))
                    if position < end { for index in position..<end { mutated[index] = UInt8.random(in: 0...255, using: &generator) } }
                }
            }
            if round % 10 == 9 { mutated = Array(mutated.prefix(Int.random(in: 0..<mutated.count, using: &generator))) }
            do {
                let file = try ParquetFile.open(bytes: mutated, in: folder.path, name: "fuzz.parquet")
                try readEverything(file)
                outcomes.read += 1
            } catch is ParquetError {
                outcomes.failed += 1
            }
        }
        #expect(outcomes.read + outcomes.failed == rounds)
        #expect(outcomes.failed > 0)
    }
}

