// The `WITH (...)` properties of CTAS and COPY, checked and typed: Athena's names (format,
// partitioned_by, write_compression, external_location, sorted_by, field_delimiter, ...) and DuckDB's for
// COPY (compression, row_group_size, header, delimiter). Unknown names are errors listing the known ones,
// so a misspelled property never looks accepted.
import StrataCore
import StrataFormats
import StrataPlanner
import StrataSQL

public struct WriteProperties: Sendable {
    public var format: String?
    public var partitionedBy: [String] = []
    public var sortedBy: [ParquetWriterOptions.SortKey] = []
    public var compression: CompressionCodec?
    public var compressionLevel: Int32?
    public var externalLocation: String?
    /// Rows per row group (DuckDB's `row_group_size`).
    public var rowGroupRows: Int?
    /// Bytes per row group.
    public var rowGroupBytes: Int?
    public var delimiter: Unicode.Scalar?
    public var header: Bool?
    public var bloomFilterColumns: [String] = []
    /// The properties as written, as text, for the catalog entry.
    public var recorded: [String: String] = [:]

    public enum Statement {
        case createTable, copy
    }

    static let createTableNames = [
        "format", "partitioned_by", "write_compression", "parquet_compression", "compression_level", "external_location",
        "sorted_by", "field_delimiter", "bloom_filter_columns", "row_group_size", "is_external", "table_type", "retention",
    ]
    static let copyNames = [
        "format", "partitioned_by", "compression", "codec", "write_compression", "compression_level", "row_group_size",
        "row_group_size_bytes", "header", "delimiter", "delim", "sep", "sorted_by", "bloom_filter_columns",
    ]

    /// Reads `properties`; `evaluate` gives the value of a constant expression.
    public init(_ properties: [Property], for statement: Statement, evaluate: (Expression) throws -> Value) throws {
        let known = statement == .createTable ? WriteProperties.createTableNames : WriteProperties.copyNames
        var seen = Set<String>()
        for property in properties {
            let name = property.name.value.lowercased()
            func fail(_ message: String) -> PlanError {
                PlanError("\(name): \(message)", offset: property.range.lowerBound, length: property.range.length)
            }
            guard seen.insert(name).inserted else { throw fail("given twice") }
            func text() throws -> String {
                guard case .varchar(let value) = try evaluate(property.value) else { throw fail("expects a string") }
                return value
            }
            func names() throws -> [String] {
                let items: [Expression]
                if case .array(let elements) = property.value.kind { items = elements } else { items = [property.value] }
                return try items.map { item in
                    guard case .varchar(let value) = try evaluate(item) else { throw fail("expects ARRAY['name', ...]") }
                    return value
                }
            }
            func integer(_ range: ClosedRange<Int>) throws -> Int {
                guard case .integer(let value) = try evaluate(property.value), range.contains(Int(value)) else {
                    throw fail("expects an integer from \(range.lowerBound) to \(range.upperBound)")
                }
                return Int(value)
            }
            func boolean() throws -> Bool {
                switch try evaluate(property.value) {
                case .boolean(let value): return value
                case .varchar(let value) where ["true", "false"].contains(value.lowercased()): return value.lowercased() == "true"
                default: throw fail("expects true or false")
                }
            }
            switch name {
            case "bucketed_by", "bucket_count":
                throw fail("bucketing is not supported; partition the table (partitioned_by) or sort it (sorted_by) instead")
            case _ where !known.contains(name):
                throw fail("unknown property; \(statement == .createTable ? "CREATE TABLE" : "COPY") takes \(known.joined(separator: ", "))")
            case "format":
                format = try text().uppercased()
                recorded[name] = format
            case "partitioned_by":
                partitionedBy = try names()
                recorded[name] = partitionedBy.joined(separator: ",")
            case "sorted_by":
                sortedBy = try names().map { item in
                    let words = item.split(separator: " ", omittingEmptySubsequences: true)
                    guard let column = words.first, words.count <= 2 else { throw fail("expects column names, optionally followed by ASC or DESC") }
                    let descending = words.count == 2 && words[1].uppercased() == "DESC"
                    if words.count == 2 && !["ASC", "DESC"].contains(words[1].uppercased()) { throw fail("'\(item)': expected ASC or DESC after the column") }
                    return ParquetWriterOptions.SortKey(String(column), descending: descending)
                }
                recorded[name] = sortedBy.map { $0.column + ($0.descending ? " DESC" : "") }.joined(separator: ",")
            case "write_compression", "parquet_compression", "compression", "codec":
                let codec = try text()
                guard let parsed = WriteProperties.codec(codec) else {
                    throw fail("unknown codec '\(codec)'; use SNAPPY, ZSTD, GZIP, LZ4, BROTLI or NONE")
                }
                compression = parsed
                recorded["write_compression"] = parsed.name
            case "compression_level":
                compressionLevel = Int32(try integer(-7...22))
                recorded[name] = String(compressionLevel!)
            case "external_location":
                externalLocation = try text()
                recorded[name] = externalLocation
            case "field_delimiter", "delimiter", "delim", "sep":
                let value = try text()
                guard value.unicodeScalars.count == 1 else { throw fail("expects one character") }
                delimiter = value.unicodeScalars.first
                recorded["field.delim"] = value
            case "header":
                header = try boolean()
            case "row_group_size":
                rowGroupRows = try integer(1...Int(Int32.max))
                recorded[name] = String(rowGroupRows!)
            case "row_group_size_bytes":
                rowGroupBytes = try integer(1024...(1 << 34))
            case "bloom_filter_columns":
                bloomFilterColumns = try names()
                recorded[name] = bloomFilterColumns.joined(separator: ",")
            case "retention":
                let value = try text()
                do { recorded[name] = try RetentionHorizon(parsing: value).description } catch { throw fail("\(error)") }
            case "is_external", "table_type":
                break  // Athena's Hive tables are the only kind there is
            default:
                throw fail("unknown property")
            }
        }
    }

    static func codec(_ name: String) -> CompressionCodec? {
        switch name.uppercased() {
        case "SNAPPY": return .snappy
        case "ZSTD": return .zstd
        case "GZIP": return .gzip
        case "LZ4", "LZ4_RAW": return .lz4Raw
        case "BROTLI": return .brotli
        case "NONE", "UNCOMPRESSED": return .uncompressed
        default: return nil
        }
    }

    /// The file format: from `format`, else from a file name's extension, else Parquet.
    public func writeFormat(fileName: String? = nil) throws -> WriteFormat {
        var name = format?.uppercased()
        if name == nil, let fileName = fileName?.lowercased() {
            if fileName.hasSuffix(".csv") || fileName.hasSuffix(".tsv") { name = "CSV" }
            if fileName.hasSuffix(".json") || fileName.hasSuffix(".ndjson") || fileName.hasSuffix(".jsonl") { name = "JSON" }
        }
        switch name ?? "PARQUET" {
        case "PARQUET":
            var options = ParquetWriterOptions()
            if let compression { options.compression = compression }
            options.compressionLevel = compressionLevel
            options.sortedBy = sortedBy
            options.bloomFilterColumns = Set(bloomFilterColumns)
            options.maxRowGroupRows = rowGroupRows
            if let rowGroupBytes { options.rowGroupSize = rowGroupBytes }
            return .parquet(options)
        case "TEXTFILE", "CSV":
            if fileName == nil, sortedBy.count > 0 { throw LakeError("sorted_by applies to Parquet files only") }
            // Exports get a header row, as DuckDB writes them; table files none, as Athena writes them.
            return .csv(delimiter: delimiter ?? ",", header: header ?? (fileName != nil))
        case "JSON", "NDJSON":
            return .json
        case "ORC", "AVRO", "ION":
            throw LakeError("format \(name!) is not written by Strata; use PARQUET, TEXTFILE (CSV) or JSON")
        case let other:
            throw LakeError("unknown format '\(other)'; use PARQUET, TEXTFILE (CSV) or JSON")
        }
    }
}
