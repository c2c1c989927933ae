// A Parquet metadata structure that reads itself from and writes itself to the Thrift compact protocol.

public protocol ThriftCodable: Sendable {
    /// Reads the struct at the reader's position (its fields up to and including the stop byte).
    init(from reader: inout ThriftCompactReader) throws(ParquetError)
    /// Writes the struct, stop byte included.
    func encode(to writer: inout ThriftCompactWriter)
}

extension ThriftCodable {
    /// Decodes one struct from the start of `bytes`; returns it and the bytes it took.
    public static func decode(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) throws(ParquetError) -> (Self, Int) {
        var reader = ThriftCompactReader(bytes, baseOffset: baseOffset)
        let value = try Self(from: &reader)
        return (value, reader.position)
    }

    /// Decodes one struct from the start of `bytes`.
    public static func decode(_ bytes: [UInt8], baseOffset: Int = 0) throws(ParquetError) -> Self {
        try UnsafeBytes.with(bytes) { (raw) throws(ParquetError) in try decode(raw, baseOffset: baseOffset).0 }
    }

    /// The compact-protocol bytes of this struct.
    public func encoded() -> [UInt8] {
        var writer = ThriftCompactWriter()
        encode(to: &writer)
        return writer.bytes
    }
}
