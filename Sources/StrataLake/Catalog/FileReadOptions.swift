// How the files of a table are read: Parquet, or text with the reader options of `read_csv` / `read_json`.
import StrataFormats

public enum FileReadOptions: @unchecked Sendable {
    case parquet
    case csv(CSVOptions)
    case json(JSONOptions)

    public var format: DataFileFormat {
        switch self {
        case .parquet: return .parquet
        case .csv: return .csv
        case .json: return .json
        }
    }

    /// The default options for files of `format`.
    public static func defaults(for format: DataFileFormat) -> FileReadOptions {
        switch format {
        case .parquet: return .parquet
        case .csv: return .csv(CSVOptions())
        case .json: return .json(JSONOptions())
        }
    }
}
