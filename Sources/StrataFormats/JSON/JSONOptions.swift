// What `read_json(...)` can be told. Names follow DuckDB's `read_json` options so a binder can map the table
// function's named arguments with `set(_:_:)`; `columns` is set as a property.
import StrataCore

public struct JSONOptions: Sendable {
    /// How records are laid out in the file.
    public enum Format: String, Sendable, Hashable {
        /// A top-level array when the file starts with `[`, else JSON values one after another
        /// (one per line, or pretty-printed over several).
        case auto
        /// One value per line; a record spanning lines is an error.
        case newlineDelimited = "newline_delimited"
        /// One top-level array of records.
        case array
        /// Values one after another, separated by any whitespace.
        case unstructured
    }

    /// `format`.
    public var format: Format = .auto
    /// `records`: whether each record is an object whose fields are the columns (true), or a value read
    /// as one column named `json` (false); nil decides from the sample.
    public var records: Bool? = nil
    /// `columns`: every column's name (the JSON key) and type; no inference, and keys not named are ignored.
    public var columns: [Field]? = nil
    /// `sample_size`: records read to infer the columns and types; -1 reads the whole file. A field
    /// first seen after the sample is an error (or, under `ignore_errors`, its row is skipped): the
    /// schema of a scan is fixed before it starts.
    public var sampleSize = 20_480
    /// `on_error`: what to do with a malformed record, a value that does not fit its column, a field
    /// not in the schema.
    public var onError: TextErrorMode = .fail
    /// `dateformat`: the layout of DATE strings; nil means ISO, with common layouts detected.
    public var dateformat: TemporalFormat? = nil
    /// `timestampformat`: the layout of TIMESTAMP strings.
    public var timestampformat: TemporalFormat? = nil
    /// Whether strings that are all dates, times or timestamps become DATE, TIME or TIMESTAMP columns
    /// (DuckDB does this; off keeps them VARCHAR).
    public var inferTemporalTypes = true
    /// `compression`: nil detects it from the file name and magic bytes.
    public var compression: TextCompression? = nil
    /// `maximum_object_size`: the largest record accepted, in bytes.
    public var maximumObjectSize = 16_777_216
    /// How deep objects and arrays may nest (a guard against hostile input).
    public var maximumNesting = 1024
    /// Names an extra BIGINT column, after the record's, holding the line each record starts on (1-based):
    /// where an ingestion's quarantine points a reader back to. Never read as a JSON key.
    public var lineNumberColumn: String? = nil
    /// Rows per batch.
    public var batchSize = 8192
    /// Window size for the streaming path, set by tests.
    var chunkSize: Int? = nil

    public init() {}

    /// `ignore_errors`: skip records that cannot be read (and count them).
    public var ignoreErrors: Bool {
        get { onError == .skip }
        set { onError = newValue ? .skip : .fail }
    }

    /// Sets the option DuckDB calls `name` (case-insensitive) from a SQL value.
    public mutating func set(_ name: String, _ value: Value) throws(TextFormatError) {
        let option = name.lowercased()
        switch option {
        case "format":
            let text = try TextOptionValues.string(value, option: option).lowercased()
            guard let parsed = Format(rawValue: text == "nd" || text == "ndjson" ? "newline_delimited" : text) else {
                throw TextFormatError(
                    .invalidOption, "format must be 'auto', 'newline_delimited', 'array' or 'unstructured', not '\(text)'")
            }
            format = parsed
        case "records":
            if case .varchar(let text) = value, text.lowercased() == "auto" {
                records = nil
            } else {
                records = try TextOptionValues.boolean(value, option: option)
            }
        case "sample_size": sampleSize = try TextOptionValues.integer(value, option: option, minimum: -1)
        case "ignore_errors": ignoreErrors = try TextOptionValues.boolean(value, option: option)
        case "on_error":
            guard let mode = TextErrorMode(rawValue: try TextOptionValues.string(value, option: option).lowercased()) else {
                throw TextFormatError(.invalidOption, "on_error must be 'fail', 'null' or 'skip'")
            }
            onError = mode
        case "dateformat", "date_format":
            let text = try TextOptionValues.string(value, option: option)
            dateformat = text.lowercased() == "auto" ? nil : try TemporalFormat(text)
        case "timestampformat", "timestamp_format":
            let text = try TextOptionValues.string(value, option: option)
            timestampformat = text.lowercased() == "auto" ? nil : try TemporalFormat(text)
        case "compression":
            let text = try TextOptionValues.string(value, option: option)
            if text.lowercased() == "auto" {
                compression = nil
            } else if let codec = TextCompression(optionName: text) {
                compression = codec
            } else {
                throw TextFormatError(.invalidOption, "compression must be 'auto', 'none', 'gzip' or 'zstd', not '\(text)'")
            }
        case "maximum_object_size": maximumObjectSize = try TextOptionValues.integer(value, option: option, minimum: 1)
        case "maximum_depth":
            // DuckDB's depth of nested type detection. Strata keeps nested values as JSON text, which
            // is DuckDB's `maximum_depth = 1`, whatever is asked.
            _ = try TextOptionValues.integer(value, option: option, minimum: -1)
        default:
            throw TextFormatError(.invalidOption, "read_json has no option '\(name)'")
        }
    }
}
