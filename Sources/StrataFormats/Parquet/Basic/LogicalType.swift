// The type annotations of Parquet 2.x (the LogicalType union), which say what the physical values mean.

public enum LogicalType: Sendable, Hashable {
    case string
    case map
    case list
    case `enum`
    case decimal(precision: Int32, scale: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Always null (Thrift name UNKNOWN).
    case null
    case json
    case bson
    case uuid
    case float16
    case variant
    case geometry(crs: String?)
    case geography(crs: String?, algorithm: Int32?)
    /// A union member this reader does not know, by its Thrift field id.
    case other(fieldID: Int16)

    /// How `strata inspect` and error messages spell it.
    public var description: String {
        switch self {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enum: return "ENUM"
        case .decimal(let precision, let scale): return "DECIMAL(\(precision),\(scale))"
        case .date: return "DATE"
        case .time(let utc, let unit): return "TIME(\(unit.name),\(utc ? "UTC" : "local"))"
        case .timestamp(let utc, let unit): return "TIMESTAMP(\(unit.name),\(utc ? "UTC" : "local"))"
        case .integer(let bitWidth, let isSigned): return "\(isSigned ? "INT" : "UINT")\(bitWidth)"
        case .null: return "NULL"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case .variant: return "VARIANT"
        case .geometry: return "GEOMETRY"
        case .geography: return "GEOGRAPHY"
        case .other(let fieldID): return "LOGICAL_TYPE_\(fieldID)"
        }
    }
}
