// The header before a column chunk's bloom filter bitset. Parquet defines one algorithm (split block),
// one hash (xxHash64) and no compression; other union members are kept by field id so a reader can
// tell it cannot use the filter.

public struct BloomFilterHeader: ThriftCodable, Hashable {
    /// Bytes of the bitset that follows the header.
    public var numBytes: Int32
    /// Union member ids: 1 is split block, xxHash and uncompressed respectively.
    public var algorithm: Int16
    public var hash: Int16
    public var compression: Int16

    public init(numBytes: Int32, algorithm: Int16 = 1, hash: Int16 = 1, compression: Int16 = 1) {
        self.numBytes = numBytes
        self.algorithm = algorithm
        self.hash = hash
        self.compression = compression
    }

    /// Whether the filter is the split-block, xxHash64, uncompressed kind the spec defines.
    public var isStandard: Bool { algorithm == 1 && hash == 1 && compression == 1 }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numBytes: Int32?
        var algorithm: Int16?
        var hash: Int16?
        var compression: Int16?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numBytes = try reader.readI32()
            case (2, .struct): algorithm = try Self.readUnionMember(&reader)
            case (3, .struct): hash = try Self.readUnionMember(&reader)
            case (4, .struct): compression = try Self.readUnionMember(&reader)
            default: try reader.skip(field.type)
            }
        }
        guard let numBytes else { throw reader.missing("numBytes", in: "BloomFilterHeader") }
        guard numBytes >= 0 else { throw reader.corrupt("negative bloom filter size \(numBytes)") }
        guard let algorithm else { throw reader.missing("algorithm", in: "BloomFilterHeader") }
        guard let hash else { throw reader.missing("hash", in: "BloomFilterHeader") }
        guard let compression else { throw reader.missing("compression", in: "BloomFilterHeader") }
        self.init(numBytes: numBytes, algorithm: algorithm, hash: hash, compression: compression)
    }

    /// The field id of the (empty-struct) member a union holds.
    private static func readUnionMember(_ reader: inout ThriftCompactReader) throws(ParquetError) -> Int16 {
        var member: Int16?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            if member == nil { member = field.id }
            try reader.skip(field.type)
        }
        guard let member else { throw reader.corrupt("empty union in BloomFilterHeader") }
        return member
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numBytes)
        for (id, member) in [(Int16(2), algorithm), (3, hash), (4, compression)] {
            writer.beginField(id, .struct)
            writer.beginStruct()
            writer.writeEmptyStructField(member)
            writer.endStruct()
        }
        writer.endStruct()
    }
}
