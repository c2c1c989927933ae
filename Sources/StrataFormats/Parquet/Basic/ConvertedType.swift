// The deprecated type annotations of Parquet 1.0 writers, with their Thrift values. Files from old Spark,
// Hive and parquet-mr carry only these, so the reader falls back to them when there is no LogicalType.

public enum ConvertedType: Int32, Sendable, Hashable, CaseIterable {
    case utf8 = 0
    case map = 1
    case mapKeyValue = 2
    case list = 3
    case `enum` = 4
    case decimal = 5
    case date = 6
    case timeMillis = 7
    case timeMicros = 8
    case timestampMillis = 9
    case timestampMicros = 10
    case uint8 = 11
    case uint16 = 12
    case uint32 = 13
    case uint64 = 14
    case int8 = 15
    case int16 = 16
    case int32 = 17
    case int64 = 18
    case json = 19
    case bson = 20
    case interval = 21

    public var name: String {
        switch self {
        case .utf8: return "UTF8"
        case .map: return "MAP"
        case .mapKeyValue: return "MAP_KEY_VALUE"
        case .list: return "LIST"
        case .enum: return "ENUM"
        case .decimal: return "DECIMAL"
        case .date: return "DATE"
        case .timeMillis: return "TIME_MILLIS"
        case .timeMicros: return "TIME_MICROS"
        case .timestampMillis: return "TIMESTAMP_MILLIS"
        case .timestampMicros: return "TIMESTAMP_MICROS"
        case .uint8: return "UINT_8"
        case .uint16: return "UINT_16"
        case .uint32: return "UINT_32"
        case .uint64: return "UINT_64"
        case .int8: return "INT_8"
        case .int16: return "INT_16"
        case .int32: return "INT_32"
        case .int64: return "INT_64"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .interval: return "INTERVAL"
        }
    }
}
