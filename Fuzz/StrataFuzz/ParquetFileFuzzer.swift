// Whole Parquet files, footer and pages together, opened through an object store the way a scan opens
// them: with and without a known size, and with footer reads shorter than the footer.
import StrataFormats

enum ParquetFileFuzzer: FuzzTarget {
    static let name = "parquet-file"

    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        let store = MemoryObjectStore(key: "fuzz.parquet", bytes: bytes)
        var options = ParquetReadOptions()
        // Derived from the input, so a crash reproduces from the file alone.
        options.footerReadSize = [64 * 1024, 16, 300][bytes.count % 3]
        options.verifyChecksums = bytes.count % 2 == 0
        options.batchSize = [65_536, 7, 100][bytes.count % 3]
        let file: ParquetFile
        do {
            file = try ParquetFile.open(store: store, key: store.key, size: bytes.count % 5 == 0 ? nil : bytes.count, options: options)
        } catch {
            precondition(error.file == store.location(of: store.key), "a ParquetError that does not name the file: \(error)")
            return
        }
        ParquetReadCheck.run(file, batchSize: options.batchSize)
    }
}
