// How an engine column is stored in Parquet: the physical type and annotations Spark, Trino, Athena,
// DuckDB and pyarrow expect for each engine type, and the leaf schema element that says so.
import StrataCore

struct ParquetColumnType: Sendable {
    let field: Field
    let physicalType: PhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values (wide decimals); 0 otherwise.
    let typeLength: Int
    let element: SchemaElement

    var name: String { field.name }
    var isOptional: Bool { field.isNullable }

    /// Whether the deprecated `min`/`max` statistics are written too: they were defined by signed
    /// comparison, right for numbers, dates and times but not for byte arrays (parquet-mr and pyarrow do
    /// the same).
    var writesDeprecatedStatistics: Bool { physicalType != .byteArray }

    init(field: Field, timestampsAdjustedToUTC: Bool) throws(ParquetError) {
        self.field = field
        var element = SchemaElement(name: field.name, repetition: field.isNullable ? .optional : .required)
        var length = 0
        switch field.type {
        case .boolean:
            element.type = .boolean
        case .tinyint:
            element.type = .int32
            element.logicalType = .integer(bitWidth: 8, isSigned: true)
            element.convertedType = .int8
        case .smallint:
            element.type = .int32
            element.logicalType = .integer(bitWidth: 16, isSigned: true)
            element.convertedType = .int16
        case .integer:
            element.type = .int32
        case .bigint:
            element.type = .int64
        case .real:
            element.type = .float
        case .double:
            element.type = .double
        case .decimal(let precision, let scale):
            guard precision >= 1, precision <= DataType.maximumDecimalPrecision, scale >= 0, scale <= precision else {
                throw ParquetError(.unsupported, "DECIMAL(\(precision),\(scale)) cannot be written", column: field.name)
            }
            if precision <= 9 {
                element.type = .int32
            } else if precision <= 18 {
                element.type = .int64
            } else {
                element.type = .fixedLenByteArray
                length = Self.decimalByteWidth(precision: precision)
                element.typeLength = Int32(length)
            }
            element.logicalType = .decimal(precision: Int32(precision), scale: Int32(scale))
            element.convertedType = .decimal
            element.precision = Int32(precision)
            element.scale = Int32(scale)
        case .varchar:
            element.type = .byteArray
            element.logicalType = .string
            element.convertedType = .utf8
        case .varbinary:
            element.type = .byteArray
        case .date:
            element.type = .int32
            element.logicalType = .date
            element.convertedType = .date
        case .time:
            // TIME_MICROS means a UTC-adjusted time, so a local time has only the logical type (as pyarrow writes).
            element.type = .int64
            element.logicalType = .time(isAdjustedToUTC: false, unit: .microseconds)
        case .timestamp:
            element.type = .int64
            element.logicalType = .timestamp(isAdjustedToUTC: timestampsAdjustedToUTC, unit: .microseconds)
            if timestampsAdjustedToUTC { element.convertedType = .timestampMicros }
        case .interval:
            throw ParquetError(
                .unsupported,
                "column '\(field.name)' is an INTERVAL, which Parquet readers do not agree on; cast it to VARCHAR before writing",
                column: field.name)
        case .unknown:
            // An all-NULL column: INT32 annotated NULL, which pyarrow and DuckDB read back as nulls.
            element.type = .int32
            element.logicalType = .null
        }
        if field.type == .unknown && !field.isNullable {
            throw ParquetError(.unsupported, "column '\(field.name)' has type UNKNOWN (all NULL) but is declared NOT NULL", column: field.name)
        }
        physicalType = element.type!
        typeLength = length
        self.element = element
    }

    /// The fewest bytes whose two's complement holds every unscaled value of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var largest: Int128 = 1
        for _ in 0..<precision { largest *= 10 }
        largest -= 1
        for width in 1...16 {
            let limit: Int128 = width == 16 ? Int128.max : (Int128(1) << (8 * width - 1)) - 1
            if largest <= limit { return width }
        }
        return 16
    }

    /// Whether `encoding` can be the column's value encoding.
    func checkEncoding(_ encoding: Encoding) throws(ParquetError) {
        let allowed: Bool
        switch encoding {
        case .plain: allowed = true
        case .rleDictionary, .plainDictionary: allowed = physicalType != .boolean
        case .deltaBinaryPacked: allowed = physicalType == .int32 || physicalType == .int64
        case .deltaLengthByteArray: allowed = physicalType == .byteArray
        case .deltaByteArray: allowed = physicalType == .byteArray || physicalType == .fixedLenByteArray
        case .byteStreamSplit:
            // The spec allows FIXED_LEN_BYTE_ARRAY too, but DuckDB does not read it.
            allowed = [.float, .double, .int32, .int64].contains(physicalType)
        case .rle, .bitPacked: allowed = false
        }
        guard allowed else {
            throw ParquetError(
                .unsupported, "encoding \(encoding.name) does not apply to column '\(name)' (\(physicalType.name))", column: name)
        }
    }
}
