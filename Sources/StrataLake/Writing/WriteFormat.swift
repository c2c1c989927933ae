// The file formats Strata writes: Parquet (tables, exports) and CSV or NDJSON (exports, TEXTFILE tables).
import StrataFormats

public enum WriteFormat: Sendable {
    /// Parquet with these options; `options.sortedBy` makes the writer sort each row group by those keys.
    case parquet(ParquetWriterOptions)
    /// CSV as the output contract spells values, with a header row when `header`.
    case csv(delimiter: Unicode.Scalar, header: Bool)
    /// One JSON object per line.
    case json

    public var fileExtension: String {
        switch self {
        case .parquet(let options):
            return options.compression == .uncompressed ? ".parquet" : "." + options.compression.name.lowercased() + ".parquet"
        case .csv: return ".csv"
        case .json: return ".json"
        }
    }

    /// The name Athena's `format` property gives it.
    public var name: String {
        switch self {
        case .parquet: return "PARQUET"
        case .csv: return "TEXTFILE"
        case .json: return "JSON"
        }
    }
}
