// Files from Strata's writer read by pyarrow and DuckDB: every type with each codec, page version,
// value encoding and dictionary policy, many row groups and pages, required columns and an empty file.
// Values must match what was written; row group statistics (min/max/null count) must match the values;
// every chunk must carry a page index; the schema must read as the intended types.
import Foundation
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct ParquetWriterInteropTests {
    struct Variant {
        var name: String
        var rows: Int
        var options: ParquetWriterOptions
        var fields: [Field] = WriterSamples.fields
    }

    static func variants() -> [Variant] {
        var variants: [Variant] = []
        func add(_ name: String, rows: Int = 1200, fields: [Field] = WriterSamples.fields, _ change: (inout ParquetWriterOptions) -> Void = { _ in }) {
            var options = ParquetWriterOptions()
            change(&options)
            variants.append(Variant(name: name, rows: rows, options: options, fields: fields))
        }
        add("default", rows: 5000)
        for codec in [CompressionCodec.uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .brotli] {
            add("codec_\(codec.name)") {
                $0.compression = codec
                $0.compressionLevel = codec == .zstd ? 9 : nil
                $0.maxPageRows = 400
            }
        }
        add("v2") {
            $0.dataPageVersion = .v2
            $0.maxPageRows = 250
        }
        add("v2_uncompressed") {
            $0.dataPageVersion = .v2
            $0.compression = .uncompressed
        }
        let deltaEncodings: [String: Encoding] = [
            "i8": .deltaBinaryPacked, "i16": .deltaBinaryPacked, "i32": .deltaBinaryPacked, "i64": .deltaBinaryPacked,
            "d9": .deltaBinaryPacked, "d18": .deltaBinaryPacked, "day": .deltaBinaryPacked, "clock": .deltaBinaryPacked,
            "ts": .deltaBinaryPacked, "s": .deltaLengthByteArray, "bin": .deltaByteArray, "d20": .deltaByteArray,
            "d38": .deltaByteArray, "f32": .byteStreamSplit, "f64": .byteStreamSplit,
        ]
        add("delta") {
            $0.columnEncodings = deltaEncodings
            $0.maxPageRows = 333
        }
        add("delta_v2") {
            $0.columnEncodings = deltaEncodings
            $0.dataPageVersion = .v2
        }
        add("prefix_strings") { $0.columnEncodings = ["s": .deltaByteArray] }
        add("byte_stream_split_integers") {
            $0.columnEncodings = ["i32": .byteStreamSplit, "i64": .byteStreamSplit, "d18": .byteStreamSplit, "day": .byteStreamSplit]
        }
        add("dictionary_never") { $0.dictionary = .never }
        add("dictionary_always") { $0.dictionary = .always }
        add("dictionary_fallback", rows: 3000) {
            $0.dictionary = .always
            $0.dictionaryPageSizeLimit = 1500
            $0.maxPageRows = 200
        }
        add("many_row_groups", rows: 4000) {
            $0.maxRowGroupRows = 700
            $0.maxPageRows = 90
        }
        add("tiny_pages") { $0.pageSize = 100 }
        add("checksums") { $0.pageChecksums = true }
        add("local_timestamps") { $0.timestampsAdjustedToUTC = false }
        add("required", fields: WriterSamples.fields.filter { $0.type != .unknown }.map { Field($0.name, $0.type, isNullable: false) })
        add("empty", rows: 0)
        return variants
    }

    @Test func pyarrowAndDuckDBReadEveryVariant() throws {
        let folder = try TemporaryDirectory("parquet-writer-interop")
        let variants = Self.variants()
        for variant in variants {
            let batches = stride(from: 0, to: variant.rows, by: 1000).map {
                WriterSamples.batch(variant.fields, rows: $0..<Swift.min($0 + 1000, variant.rows))
            }
            try WriterHarness.write(
                batches, schema: Schema(variant.fields), to: folder, name: variant.name + ".parquet", options: variant.options)
        }
        let seen = try WriterHarness.oracle(variants.map { folder.file($0.name + ".parquet") })
        var failures: [String] = []
        for variant in variants {
            guard let file = seen[folder.file(variant.name + ".parquet")] else {
                failures.append("\(variant.name): not read")
                continue
            }
            failures += Self.check(variant, file)
            failures += try Self.checkPages(variant, ParquetFile.open(path: folder.file(variant.name + ".parquet")).metadata)
            // Strata's reader reads it back exactly too.
            let mine = try WriterHarness.readBack(folder.file(variant.name + ".parquet"), batchSize: 333)
            for field in variant.fields {
                if let mismatch = WriterHarness.difference(mine[field.name] ?? [], WriterSamples.expected(field, count: variant.rows)) {
                    failures.append("\(variant.name) \(field.name) via Strata: \(mismatch)")
                }
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) problems:\n" + failures.prefix(40).joined(separator: "\n")))
    }

    static func check(_ variant: Variant, _ file: [String: Any]) -> [String] {
        var failures: [String] = []
        let name = variant.name
        if file["num_rows"] as? Int != variant.rows { failures.append("\(name): \(file["num_rows"] ?? "?") rows") }
        if file["created_by"] as? String != ParquetWriterOptions.defaultCreatedBy { failures.append("\(name): created_by \(file["created_by"] ?? "nil")") }
        if (file["key_value"] as? [String: String])?["writer.model.name"] != "strata" { failures.append("\(name): no writer key") }
        for reader in ["pyarrow", "duckdb"] {
            let columns = file[reader] as? [String: [Any]] ?? [:]
            for field in variant.fields {
                let values = (columns[field.name] ?? []).map { $0 as? String }
                if let mismatch = WriterHarness.difference(values, WriterSamples.expected(field, count: variant.rows)) {
                    failures.append("\(name) \(field.name) via \(reader): \(mismatch)")
                }
            }
        }
        let duckTypes = file["duckdb_types"] as? [String: String] ?? [:]
        for field in variant.fields where duckTypes[field.name] != duckDBType(field.type, adjustedToUTC: variant.options.timestampsAdjustedToUTC) {
            failures.append("\(name) \(field.name): DuckDB reads \(duckTypes[field.name] ?? "nothing")")
        }
        // Row group statistics against the values of the group's rows.
        let groups = file["row_groups"] as? [[String: Any]] ?? []
        var firstRow = 0
        for (groupIndex, group) in groups.enumerated() {
            let rows = group["num_rows"] as? Int ?? 0
            let columns = group["columns"] as? [[String: Any]] ?? []
            for (position, field) in variant.fields.enumerated() where position < columns.count {
                let chunk = columns[position]
                let values = (firstRow..<(firstRow + rows)).map { WriterSamples.value(field.name, $0, nullEvery: field.isNullable ? 11 : 0) }
                let place = "\(name) group \(groupIndex) \(field.name)"
                let nulls = values.filter(\.isNull).count
                if chunk["null_count"] as? Int != nulls { failures.append("\(place): null count \(chunk["null_count"] ?? "nil"), expected \(nulls)") }
                let bounds = expectedBounds(values, field.type)
                if chunk["has_min_max"] as? Bool != (bounds != nil) {
                    failures.append("\(place): has_min_max \(chunk["has_min_max"] ?? "nil")")
                } else if let bounds {
                    if chunk["min"] as? String != bounds.min { failures.append("\(place): min \(chunk["min"] ?? "nil"), expected \(bounds.min)") }
                    if chunk["max"] as? String != bounds.max { failures.append("\(place): max \(chunk["max"] ?? "nil"), expected \(bounds.max)") }
                }
                if chunk["has_column_index"] as? Bool != true || chunk["has_offset_index"] as? Bool != true {
                    failures.append("\(place): no page index")
                }
                // pyarrow names LZ4_RAW "LZ4".
                let codec = variant.options.compression == .lz4Raw ? "LZ4" : variant.options.compression.name
                if chunk["compression"] as? String != codec {
                    failures.append("\(place): compression \(chunk["compression"] ?? "nil")")
                }
            }
            firstRow += rows
        }
        if firstRow != variant.rows { failures.append("\(name): row groups hold \(firstRow) rows") }
        return failures
    }

    /// That each variant wrote the pages it asks for: page versions, encodings, dictionaries and fallbacks.
    static func checkPages(_ variant: Variant, _ metadata: FileMetaData) -> [String] {
        var failures: [String] = []
        for (groupIndex, group) in metadata.rowGroups.enumerated() {
            for (position, chunk) in group.columns.enumerated() {
                let field = variant.fields[position]
                let stats = chunk.metaData?.encodingStats ?? []
                let dataPages = stats.filter { $0.pageType != .dictionaryPage }
                let dataEncodings = Set(dataPages.map(\.encoding))
                let hasDictionary = stats.contains { $0.pageType == .dictionaryPage }
                let place = "\(variant.name) group \(groupIndex) \(field.name)"
                func expect(_ condition: Bool, _ what: String) {
                    if !condition { failures.append("\(place): \(what) (pages: \(stats.map { "\($0.pageType) \($0.encoding.name) ×\($0.count)" }))") }
                }
                let pageType: PageType = variant.options.dataPageVersion == .v2 ? .dataPageV2 : .dataPage
                expect(dataPages.allSatisfy { $0.pageType == pageType }, "data pages of another version")
                if let encoding = variant.options.columnEncodings[field.name] {
                    expect(dataEncodings == [encoding] && !hasDictionary, "not all \(encoding.name)")
                    continue
                }
                switch variant.name {
                case "dictionary_never":
                    expect(!hasDictionary && dataEncodings == [.plain], "dictionary used")
                case "dictionary_always" where field.type != .boolean && field.type != .unknown:
                    expect(hasDictionary && dataEncodings == [.rleDictionary], "not dictionary-encoded")
                case "dictionary_fallback" where field.name == "s" || field.name == "i64":
                    expect(hasDictionary && dataEncodings == [.rleDictionary, .plain], "no fallback to PLAIN")
                case "default":
                    // Repetitive strings and booleans-like small ranges pay for a dictionary; random 64-bit values do not.
                    if field.name == "s" || field.name == "i8" { expect(hasDictionary, "no dictionary") }
                    if field.name == "i64" || field.name == "b" { expect(!hasDictionary && dataEncodings == [.plain], "dictionary used") }
                default:
                    break
                }
            }
        }
        return failures
    }

    static func duckDBType(_ type: DataType, adjustedToUTC: Bool) -> String {
        switch type {
        case .real: return "FLOAT"
        case .varbinary: return "BLOB"
        case .timestamp: return adjustedToUTC ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP"
        case .unknown: return "\"NULL\""
        default: return type.sqlName
        }
    }

    /// The min and max of non-null, non-NaN values in the column's order, as canonical text (a zero float
    /// minimum is -0.0 and a zero maximum +0.0, as the spec asks).
    static func expectedBounds(_ values: [Value], _ type: DataType) -> (min: String, max: String)? {
        let ordered = values.filter { value in
            switch value {
            case .null: return false
            case .real(let v): return !v.isNaN
            case .double(let v): return !v.isNaN
            default: return true
            }
        }
        guard let first = ordered.first else { return nil }
        var low = first
        var high = first
        for value in ordered.dropFirst() {
            if less(value, low) { low = value }
            if less(high, value) { high = value }
        }
        switch (low, high) {
        case (.real(let a), .real(let b)): (low, high) = (.real(a == 0 ? -0.0 : a), .real(b == 0 ? 0.0 : b))
        case (.double(let a), .double(let b)): (low, high) = (.double(a == 0 ? -0.0 : a), .double(b == 0 ? 0.0 : b))
        default: break
        }
        return (canonicalText(low)!, canonicalText(high)!)
    }

    static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.integer(let x), .integer(let y)): return x < y
        case (.real(let x), .real(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.decimal(let x), .decimal(let y)): return x < y
        case (.varchar(let x), .varchar(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.varbinary(let x), .varbinary(let y)): return x.lexicographicallyPrecedes(y)
        case (.date(let x), .date(let y)): return x < y
        case (.time(let x), .time(let y)), (.timestamp(let x), .timestamp(let y)): return x < y
        default: return false
        }
    }
}
