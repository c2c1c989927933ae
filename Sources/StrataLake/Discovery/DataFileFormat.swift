// Which files in a table folder hold data, and in what format, judged by name as Hive and Spark do:
// names starting with `.` or `_` (`_SUCCESS`, `.crc`, temporary files) are not data.

public enum DataFileFormat: String, Codable, Hashable, Sendable {
    case parquet
    case csv
    case json

    /// The format of a file named `name`; nil when the file is not data (hidden, marker, unknown kind).
    /// Extensionless names, as Athena and Hive write them, are taken to be Parquet.
    public static func of(fileName name: Substring) -> DataFileFormat? {
        guard let first = name.first, first != ".", first != "_" else { return nil }
        var lowered = name.lowercased()
        for compression in [".gz", ".gzip", ".zst", ".zstd"] where lowered.hasSuffix(compression) {
            lowered.removeLast(compression.count)
        }
        if lowered.hasSuffix(".parquet") || lowered.hasSuffix(".parq") || lowered.hasSuffix(".pq") { return .parquet }
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") { return .csv }
        if lowered.hasSuffix(".json") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") { return .json }
        if !lowered.contains(".") { return .parquet }
        return nil
    }

    /// Whether a folder named `name` should be skipped entirely (`_temporary`, `_strata`, hidden).
    public static func isIgnoredFolder(_ name: Substring) -> Bool {
        name.first == "." || name.first == "_"
    }
}
