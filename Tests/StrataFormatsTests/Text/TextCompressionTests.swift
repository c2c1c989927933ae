// Compressed text files: gzip (also several members), zstd, detection by name and magic bytes, and broken
// files (corrupt, truncated, mislabeled) failing with the file named.
import Testing
import StrataCore
import StrataStorage
import StrataTestSupport
@testable import StrataFormats

@Suite struct TextCompressionTests {
    /// A CSV body that needs several windows of `chunk` bytes.
    static func body(rows: Int) -> String {
        var text = "id,name,value\n"
        for row in 0..<rows { text += "\(row),\"name \(row), quoted\",\(Double(row) / 8)\n" }
        return text
    }

    /// Writes `text` compressed by Python's gzip (`members` pieces) and pyarrow's zstd, plus variants.
    static func writeFixtures(_ folder: TemporaryDirectory, text: String) throws {
        try LocalObjectStore(root: folder.path).write("plain.csv", bytes: Array(text.utf8))
        try Python.run(
            """
            import gzip, sys, pyarrow as pa
            folder = sys.argv[1]
            data = open(folder + '/plain.csv', 'rb').read()
            open(folder + '/one.csv.gz', 'wb').write(gzip.compress(data))
            third = len(data) // 3
            members = b''.join(gzip.compress(data[i:j]) for i, j in [(0, third), (third, 2 * third), (2 * third, len(data))])
            open(folder + '/members.csv.gz', 'wb').write(members)
            open(folder + '/gzip_without_extension.csv', 'wb').write(gzip.compress(data))
            with pa.output_stream(folder + '/data.csv.zst', compression='zstd') as out:
                out.write(data)
            compressed = gzip.compress(data)
            open(folder + '/truncated.csv.gz', 'wb').write(compressed[: len(compressed) // 2])
            corrupt = bytearray(compressed)
            for k in range(200, 260):
                corrupt[k] ^= 0x5A
            open(folder + '/corrupt.csv.gz', 'wb').write(bytes(corrupt))
            late = bytearray(compressed)
            for k in range(2 * len(late) // 3, 2 * len(late) // 3 + 40):
                late[k] ^= 0x5A
            open(folder + '/late_corrupt.csv.gz', 'wb').write(bytes(late))
            open(folder + '/garbage.csv.gz', 'wb').write(compressed + b'not gzip')
            open(folder + '/padded.csv.gz', 'wb').write(compressed + bytes(16))
            zst = open(folder + '/data.csv.zst', 'rb').read()
            open(folder + '/truncated.csv.zst', 'wb').write(zst[: len(zst) - 7])
            open(folder + '/mislabeled.csv.gz', 'wb').write(data)
            open(folder + '/empty.csv.gz', 'wb').write(b'')
            """, arguments: [folder.path])
    }

    @Test func compressedFilesReadLikePlainOnes() throws {
        let folder = try TemporaryDirectory()
        let text = Self.body(rows: 8000)
        try Self.writeFixtures(folder, text: text)
        let store = LocalObjectStore(root: folder.path)
        let expected = rows(of: try CSVReader(store: store, key: "plain.csv").readAll())
        #expect(expected.count == 8000)
        var small = CSVOptions()
        small.chunkSize = 16_384
        for key in ["one.csv.gz", "members.csv.gz", "gzip_without_extension.csv", "data.csv.zst", "padded.csv.gz"] {
            let reader = try CSVReader(store: store, key: key, options: small)
            #expect(reader.schema.fields.map(\.type) == [.bigint, .varchar, .double], "\(key)")
            #expect(rows(of: try reader.readAll()) == expected, "\(key)")
        }
        var options = CSVOptions()
        options.compression = TextCompression.none
        #expect(throws: TextFormatError.self) { _ = try CSVReader(store: store, key: "one.csv.gz", options: options).readAll() }
        let empty = try CSVReader(store: store, key: "empty.csv.gz")
        #expect(try empty.readAll().isEmpty)
    }

    @Test func brokenFilesAreReportedWithTheirName() throws {
        let folder = try TemporaryDirectory()
        try Self.writeFixtures(folder, text: Self.body(rows: 8000))
        let store = LocalObjectStore(root: folder.path)
        let cases: [(String, String)] = [
            ("truncated.csv.gz", "gzip: the data is truncated"),
            ("corrupt.csv.gz", "gzip: invalid compressed data"),
            ("garbage.csv.gz", "gzip: 8 bytes of garbage after the end of the compressed data"),
            ("truncated.csv.zst", "zstd: the data is truncated"),
            ("mislabeled.csv.gz", "not gzip data"),
        ]
        for (key, message) in cases {
            do {
                _ = try CSVReader(store: store, key: key).readAll()
                Issue.record("\(key) should fail")
            } catch {
                #expect(error.code == .corrupt, "\(key)")
                #expect(error.file == folder.file(key), "\(key)")
                #expect(error.message.hasPrefix(message), "\(key): \(error.message)")
            }
        }
        // Corruption found while streaming, windows after the start, still names the file.
        var small = CSVOptions()
        small.chunkSize = 4096
        small.sampleSize = 10
        do {
            _ = try CSVReader(store: store, key: "late_corrupt.csv.gz", options: small).readAll()
            Issue.record("late_corrupt.csv.gz should fail")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.file == folder.file("late_corrupt.csv.gz"))
        }
        do {
            _ = try CSVReader(store: store, key: "missing.csv")
            Issue.record("a missing file should fail")
        } catch {
            #expect(error.code == .io)
        }
    }

    @Test func detection() {
        #expect(TextCompression.of(fileName: "a.CSV.GZ") == .gzip)
        #expect(TextCompression.of(fileName: "a.ndjson.zst") == .zstd)
        #expect(TextCompression.of(fileName: "a.csv") == nil)
        ([0x1F, 0x8B, 0x08] as [UInt8]).withUnsafeBytes { #expect(TextCompression.of(magic: $0) == .gzip) }
        ([0x28, 0xB5, 0x2F, 0xFD] as [UInt8]).withUnsafeBytes { #expect(TextCompression.of(magic: $0) == .zstd) }
        Array("a,b".utf8).withUnsafeBytes { #expect(TextCompression.of(magic: $0) == TextCompression.none) }
    }
}
