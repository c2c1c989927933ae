// One node of the schema tree, as the footer lists them (depth first): a group with `numChildren`, or a
// leaf with a physical type.

public struct SchemaElement: ThriftCodable, Hashable {
    public var type: PhysicalType?
    /// Byte width of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    public init(
        name: String, type: PhysicalType? = nil, typeLength: Int32? = nil, repetition: Repetition? = nil,
        numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil, precision: Int32? = nil,
        fieldID: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var name: String?
        var element = SchemaElement(name: "")
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): element.type = try reader.readEnum(PhysicalType.self, "physical type")
            case (2, .i32): element.typeLength = try reader.readI32()
            case (3, .i32): element.repetition = try reader.readEnum(Repetition.self, "repetition")
            case (4, .binary): name = try reader.readString()
            case (5, .i32): element.numChildren = try reader.readI32()
            case (6, .i32):
                // An unknown converted type only loses an annotation the logical type usually repeats.
                element.convertedType = ConvertedType(rawValue: try reader.readI32())
            case (7, .i32): element.scale = try reader.readI32()
            case (8, .i32): element.precision = try reader.readI32()
            case (9, .i32): element.fieldID = try reader.readI32()
            case (10, .struct): element.logicalType = try LogicalType(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard let name else { throw reader.missing("name", in: "SchemaElement") }
        element.name = name
        self = element
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type?.rawValue)
        writer.writeField(2, i32: typeLength)
        writer.writeField(3, i32: repetition?.rawValue)
        writer.writeField(4, string: name)
        writer.writeField(5, i32: numChildren)
        writer.writeField(6, i32: convertedType?.rawValue)
        writer.writeField(7, i32: scale)
        writer.writeField(8, i32: precision)
        writer.writeField(9, i32: fieldID)
        writer.writeField(10, struct: logicalType)
        writer.endStruct()
    }
}
