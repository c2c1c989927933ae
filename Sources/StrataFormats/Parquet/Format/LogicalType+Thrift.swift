// The LogicalType, TimeUnit and ColumnOrder unions in the compact protocol. Most members are empty
// structs; a member this reader does not know is kept by its field id.

extension LogicalType: ThriftCodable {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: LogicalType?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            guard field.type == .struct, result == nil else {
                try reader.skip(field.type)
                continue
            }
            switch field.id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enum
            case 6: result = .date
            case 11: result = .null
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            case 16: result = .variant
            case 5:
                result = try Self.readDecimal(&reader)
                continue
            case 7, 8:
                let (utc, unit) = try Self.readTemporal(&reader)
                result = field.id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
                continue
            case 10:
                result = try Self.readInteger(&reader)
                continue
            case 17, 18:
                result = try Self.readGeospatial(&reader, geography: field.id == 18)
                continue
            default: result = .other(fieldID: field.id)
            }
            try reader.skip(.struct)  // the empty member struct (or one whose fields are not needed)
        }
        guard let result else { throw reader.corrupt("empty LogicalType") }
        self = result
    }

    private static func readDecimal(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var scale: Int32?
        var precision: Int32?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): scale = try reader.readI32()
            case (2, .i32): precision = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        guard let scale else { throw reader.missing("scale", in: "DecimalType") }
        guard let precision else { throw reader.missing("precision", in: "DecimalType") }
        return .decimal(precision: precision, scale: scale)
    }

    private static func readTemporal(_ reader: inout ThriftCompactReader) throws(ParquetError) -> (Bool, TimeUnit) {
        var utc = false
        var unit: TimeUnit?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .bool): utc = reader.readBool(field)
            case (2, .struct): unit = try TimeUnit(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard let unit else { throw reader.missing("unit", in: "TimeType/TimestampType") }
        return (utc, unit)
    }

    private static func readInteger(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var bitWidth: Int8?
        var signed = true
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .byte): bitWidth = try reader.readI8()
            case (2, .bool): signed = reader.readBool(field)
            default: try reader.skip(field.type)
            }
        }
        guard let bitWidth else { throw reader.missing("bitWidth", in: "IntType") }
        return .integer(bitWidth: bitWidth, isSigned: signed)
    }

    private static func readGeospatial(_ reader: inout ThriftCompactReader, geography: Bool) throws(ParquetError) -> LogicalType {
        var crs: String?
        var algorithm: Int32?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): crs = try reader.readString()
            case (2, .i32): algorithm = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        return geography ? .geography(crs: crs, algorithm: algorithm) : .geometry(crs: crs)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .string: writer.writeEmptyStructField(1)
        case .map: writer.writeEmptyStructField(2)
        case .list: writer.writeEmptyStructField(3)
        case .enum: writer.writeEmptyStructField(4)
        case .decimal(let precision, let scale):
            writer.beginField(5, .struct)
            writer.beginStruct()
            writer.writeField(1, i32: scale)
            writer.writeField(2, i32: precision)
            writer.endStruct()
        case .date: writer.writeEmptyStructField(6)
        case .time(let utc, let unit), .timestamp(let utc, let unit):
            if case .time = self { writer.beginField(7, .struct) } else { writer.beginField(8, .struct) }
            writer.beginStruct()
            writer.writeField(1, bool: utc)
            writer.writeField(2, struct: unit)
            writer.endStruct()
        case .integer(let bitWidth, let isSigned):
            writer.beginField(10, .struct)
            writer.beginStruct()
            writer.writeField(1, i8: bitWidth)
            writer.writeField(2, bool: isSigned)
            writer.endStruct()
        case .null: writer.writeEmptyStructField(11)
        case .json: writer.writeEmptyStructField(12)
        case .bson: writer.writeEmptyStructField(13)
        case .uuid: writer.writeEmptyStructField(14)
        case .float16: writer.writeEmptyStructField(15)
        case .variant: writer.writeEmptyStructField(16)
        case .geometry(let crs):
            writer.beginField(17, .struct)
            writer.beginStruct()
            writer.writeField(1, string: crs)
            writer.endStruct()
        case .geography(let crs, let algorithm):
            writer.beginField(18, .struct)
            writer.beginStruct()
            writer.writeField(1, string: crs)
            writer.writeField(2, i32: algorithm)
            writer.endStruct()
        case .other(let fieldID): writer.writeEmptyStructField(fieldID)
        }
        writer.endStruct()
    }
}

extension TimeUnit: ThriftCodable {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: TimeUnit?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            if field.type == .struct, result == nil {
                switch field.id {
                case 1: result = .milliseconds
                case 2: result = .microseconds
                case 3: result = .nanoseconds
                default: break
                }
            }
            try reader.skip(field.type)
        }
        guard let result else { throw reader.corrupt("unknown or empty TimeUnit") }
        self = result
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .milliseconds: writer.writeEmptyStructField(1)
        case .microseconds: writer.writeEmptyStructField(2)
        case .nanoseconds: writer.writeEmptyStructField(3)
        }
        writer.endStruct()
    }
}

extension ColumnOrder: ThriftCodable {
    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: ColumnOrder?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            if field.type == .struct, result == nil {
                switch field.id {
                case 1: result = .typeDefined
                case 2: result = .ieee754TotalOrder
                case 3: result = .int96Timestamp
                default: result = .other(fieldID: field.id)
                }
            }
            try reader.skip(field.type)
        }
        guard let result else { throw reader.corrupt("empty ColumnOrder") }
        self = result
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .typeDefined: writer.writeEmptyStructField(1)
        case .ieee754TotalOrder: writer.writeEmptyStructField(2)
        case .int96Timestamp: writer.writeEmptyStructField(3)
        case .other(let fieldID): writer.writeEmptyStructField(fieldID)
        }
        writer.endStruct()
    }
}
