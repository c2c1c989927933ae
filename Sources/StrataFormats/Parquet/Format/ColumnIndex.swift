// The column index of a column chunk: min, max and null count of every data page, for skipping pages.

public struct ColumnIndex: ThriftCodable, Hashable {
    /// True for pages holding only nulls (their min and max are empty).
    public var nullPages: [Bool]
    public var minValues: [[UInt8]]
    public var maxValues: [[UInt8]]
    public var boundaryOrder: BoundaryOrder
    public var nullCounts: [Int64]?
    public var repetitionLevelHistograms: [Int64]?
    public var definitionLevelHistograms: [Int64]?
    public var nanCounts: [Int64]?

    public init(
        nullPages: [Bool], minValues: [[UInt8]], maxValues: [[UInt8]], boundaryOrder: BoundaryOrder,
        nullCounts: [Int64]? = nil, repetitionLevelHistograms: [Int64]? = nil,
        definitionLevelHistograms: [Int64]? = nil, nanCounts: [Int64]? = nil
    ) {
        self.nullPages = nullPages
        self.minValues = minValues
        self.maxValues = maxValues
        self.boundaryOrder = boundaryOrder
        self.nullCounts = nullCounts
        self.repetitionLevelHistograms = repetitionLevelHistograms
        self.definitionLevelHistograms = definitionLevelHistograms
        self.nanCounts = nanCounts
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var nullPages: [Bool]?
        var minValues: [[UInt8]]?
        var maxValues: [[UInt8]]?
        var order: BoundaryOrder?
        var index = ColumnIndex(nullPages: [], minValues: [], maxValues: [], boundaryOrder: .unordered)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list): nullPages = try reader.readBoolList()
            case (2, .list): minValues = try reader.readBinaryList()
            case (3, .list): maxValues = try reader.readBinaryList()
            case (4, .i32): order = try reader.readEnum(BoundaryOrder.self, "boundary order")
            case (5, .list): index.nullCounts = try reader.readI64List()
            case (6, .list): index.repetitionLevelHistograms = try reader.readI64List()
            case (7, .list): index.definitionLevelHistograms = try reader.readI64List()
            case (8, .list): index.nanCounts = try reader.readI64List()
            default: try reader.skip(field.type)
            }
        }
        guard let nullPages else { throw reader.missing("null_pages", in: "ColumnIndex") }
        guard let minValues else { throw reader.missing("min_values", in: "ColumnIndex") }
        guard let maxValues else { throw reader.missing("max_values", in: "ColumnIndex") }
        guard let order else { throw reader.missing("boundary_order", in: "ColumnIndex") }
        guard minValues.count == nullPages.count, maxValues.count == nullPages.count else {
            throw reader.corrupt(
                "ColumnIndex lists disagree: \(nullPages.count) pages, \(minValues.count) minimums, \(maxValues.count) maximums")
        }
        index.nullPages = nullPages
        index.minValues = minValues
        index.maxValues = maxValues
        index.boundaryOrder = order
        self = index
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, boolList: nullPages)
        writer.writeField(2, binaryList: minValues)
        writer.writeField(3, binaryList: maxValues)
        writer.writeField(4, i32: boundaryOrder.rawValue)
        if let nullCounts { writer.writeField(5, i64List: nullCounts) }
        if let repetitionLevelHistograms { writer.writeField(6, i64List: repetitionLevelHistograms) }
        if let definitionLevelHistograms { writer.writeField(7, i64List: definitionLevelHistograms) }
        if let nanCounts { writer.writeField(8, i64List: nanCounts) }
        writer.endStruct()
    }
}
