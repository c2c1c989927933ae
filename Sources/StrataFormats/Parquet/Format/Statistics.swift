// Min/max/null-count statistics of a column chunk or page, as the file stores them: values PLAIN-encoded
// (byte arrays without their length prefix), both the deprecated signed `min`/`max` and the
// order-correct `minValue`/`maxValue`.

public struct Statistics: ThriftCodable, Hashable {
    /// Deprecated: the maximum by signed comparison.
    public var max: [UInt8]?
    /// Deprecated: the minimum by signed comparison.
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil, nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, .bool): isMaxValueExact = reader.readBool(field)
            case (8, .bool): isMinValueExact = reader.readBool(field)
            case (9, .i64): nanCount = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, binary: max)
        writer.writeField(2, binary: min)
        writer.writeField(3, i64: nullCount)
        writer.writeField(4, i64: distinctCount)
        writer.writeField(5, binary: maxValue)
        writer.writeField(6, binary: minValue)
        writer.writeField(7, bool: isMaxValueExact)
        writer.writeField(8, bool: isMinValueExact)
        writer.writeField(9, i64: nanCount)
        writer.endStruct()
    }

    /// The minimum to trust: `minValue`, else the deprecated `min` when the column sorts by signed
    /// comparison (numbers, dates, timestamps; not strings, whose old `min` used signed bytes).
    public func effectiveMin(signedOrderIsValid: Bool) -> [UInt8]? {
        minValue ?? (signedOrderIsValid ? min : nil)
    }

    /// The maximum to trust; see `effectiveMin`.
    public func effectiveMax(signedOrderIsValid: Bool) -> [UInt8]? {
        maxValue ?? (signedOrderIsValid ? max : nil)
    }
}
