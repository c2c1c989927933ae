// What `read_csv(...)` can be told. Names follow DuckDB's `read_csv` options, so a binder can map the table
// function's named arguments one to one with `set(_:_:)`; structured ones (`columns`, `types`, `names`,
// a list `nullstr`) are set as properties.
import StrataCore

public struct CSVOptions: Sendable {
    /// `delim` / `sep`: the field delimiter; nil sniffs it among `,` `|` `;` and tab.
    public var delim: Unicode.Scalar? = nil
    /// `quote`: the quote character; nil reads quotes as ordinary characters.
    public var quote: Unicode.Scalar? = "\""
    /// `escape`: the character that escapes a quote inside quotes; nil means the quote itself (`""`).
    public var escape: Unicode.Scalar? = nil
    /// `header`: whether the first row (after `skip`) names the columns; nil detects it as DuckDB does.
    public var header: Bool? = nil
    /// `nullstr`: field texts read as NULL, compared with unquoted fields. The empty field by default.
    public var nullstr: [String] = [""]
    /// `allow_quoted_nulls`: compare quoted fields with `nullstr` too. Off by default, so `""` is an
    /// empty string and a NULL an empty field, as DuckDB, pyarrow and polars write them.
    public var allowQuotedNulls = false
    /// `skip`: lines to skip before the header or first row.
    public var skip = 0
    /// `columns`: every column's name and type, in file order; no inference.
    public var columns: [Field]? = nil
    /// `types` / `dtypes` given by name: types for some columns; the others are inferred.
    public var types: [String: DataType] = [:]
    /// Types for the columns of a table read file by file: applied to the columns a file has, while a
    /// column the file lacks (one added to the table later) is no error, unlike `types`.
    public var tableTypes: [String: DataType] = [:]
    /// `types` / `dtypes` given as a list: types for the first columns, in order.
    public var typesByPosition: [DataType] = []
    /// `names`: names for the first columns, replacing the header's.
    public var names: [String]? = nil
    /// `all_varchar`: read every column as VARCHAR (nothing can fail to convert).
    public var allVarchar = false
    /// `on_error`: what to do with a value that does not fit its type or a row with the wrong number of fields.
    public var onError: TextErrorMode = .fail
    /// `null_padding`: rows with too few fields get NULLs for the missing ones.
    public var nullPadding = false
    /// `sample_size`: rows read to detect the dialect, header and types; -1 reads the whole file.
    public var sampleSize = 20_480
    /// `dateformat`: the layout of DATE values (strptime style); nil means ISO, with common layouts detected.
    public var dateformat: TemporalFormat? = nil
    /// `timestampformat`: the layout of TIMESTAMP values.
    public var timestampformat: TemporalFormat? = nil
    /// `decimal_separator`: the decimal point of DOUBLE and DECIMAL values (`,` in much of Europe).
    public var decimalSeparator: Unicode.Scalar = "."
    /// `compression`: nil detects it from the file name and magic bytes.
    public var compression: TextCompression? = nil
    /// `max_line_size`: the longest record accepted, in bytes (a guard against a quote never closed).
    public var maxLineSize = 2_097_152
    /// Names an extra BIGINT column, after the file's, holding the line each record starts on (1-based,
    /// the header being line 1): where an ingestion's quarantine points a reader back to.
    public var lineNumberColumn: String? = nil
    /// Rows per batch.
    public var batchSize = 8192
    /// Window size for the streaming path, set by tests to cut records at every place.
    var chunkSize: Int? = nil

    public init() {}

    /// `ignore_errors`: skip rows that cannot be read (and count them), as DuckDB does.
    public var ignoreErrors: Bool {
        get { onError == .skip }
        set { onError = newValue ? .skip : .fail }
    }

    /// Sets the option DuckDB calls `name` (case-insensitive) from a SQL value.
    public mutating func set(_ name: String, _ value: Value) throws(TextFormatError) {
        let option = name.lowercased()
        switch option {
        case "delim", "sep", "delimiter": delim = try TextOptionValues.character(value, option: option, allowEmpty: false)
        case "quote": quote = try TextOptionValues.character(value, option: option, allowEmpty: true)
        case "escape": escape = try TextOptionValues.character(value, option: option, allowEmpty: true)
        case "header": header = try TextOptionValues.boolean(value, option: option)
        case "nullstr", "null": nullstr = [try TextOptionValues.string(value, option: option)]
        case "allow_quoted_nulls": allowQuotedNulls = try TextOptionValues.boolean(value, option: option)
        case "skip": skip = try TextOptionValues.integer(value, option: option, minimum: 0)
        case "all_varchar": allVarchar = try TextOptionValues.boolean(value, option: option)
        case "ignore_errors": ignoreErrors = try TextOptionValues.boolean(value, option: option)
        case "on_error":
            guard let mode = TextErrorMode(rawValue: try TextOptionValues.string(value, option: option).lowercased()) else {
                throw TextFormatError(.invalidOption, "on_error must be 'fail', 'null' or 'skip'")
            }
            onError = mode
        case "null_padding": nullPadding = try TextOptionValues.boolean(value, option: option)
        case "sample_size": sampleSize = try TextOptionValues.integer(value, option: option, minimum: -1)
        case "dateformat", "date_format": dateformat = try TemporalFormat(TextOptionValues.string(value, option: option))
        case "timestampformat", "timestamp_format":
            timestampformat = try TemporalFormat(TextOptionValues.string(value, option: option))
        case "decimal_separator":
            decimalSeparator = try TextOptionValues.character(value, option: option, allowEmpty: false) ?? "."
        case "compression":
            let text = try TextOptionValues.string(value, option: option)
            if text.lowercased() == "auto" {
                compression = nil
            } else if let codec = TextCompression(optionName: text) {
                compression = codec
            } else {
                throw TextFormatError(.invalidOption, "compression must be 'auto', 'none', 'gzip' or 'zstd', not '\(text)'")
            }
        case "max_line_size", "maximum_line_size": maxLineSize = try TextOptionValues.integer(value, option: option, minimum: 1)
        default:
            throw TextFormatError(.invalidOption, "read_csv has no option '\(name)'")
        }
    }

    /// The options checked against each other: single-byte ASCII characters, all different.
    func dialectBytes() throws(TextFormatError) -> (delimiter: UInt8?, quote: UInt8?, escape: UInt8?, decimal: UInt8) {
        func byte(_ scalar: Unicode.Scalar?, _ option: String) throws(TextFormatError) -> UInt8? {
            guard let scalar else { return nil }
            guard scalar.isASCII, scalar != "\n", scalar != "\r" else {
                throw TextFormatError(.invalidOption, "\(option) must be one ASCII character other than a line break")
            }
            return UInt8(scalar.value)
        }
        let delimiter = try byte(delim, "delim")
        let quote = try byte(quote, "quote")
        let escape = try byte(escape, "escape")
        let decimal = try byte(decimalSeparator, "decimal_separator") ?? UInt8(ascii: ".")
        if let delimiter, delimiter == quote {
            throw TextFormatError(.invalidOption, "delim and quote must differ")
        }
        if let delimiter, delimiter == escape, escape != quote {
            throw TextFormatError(.invalidOption, "delim and escape must differ")
        }
        if let delimiter, delimiter == decimal {
            throw TextFormatError(.invalidOption, "delim and decimal_separator must differ")
        }
        return (delimiter, quote, escape, decimal)
    }
}
