// ULEB128 and zigzag varints in encoded values (the delta encodings' headers), read with bounds checks.

enum Varint {
    static func readUnsigned(_ base: UnsafeRawPointer, _ count: Int, _ position: inout Int) throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < count else { throw ParquetError(.corrupt, "varint runs past the end of the data") }
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            if shift == 63 && byte > 1 { throw ParquetError(.corrupt, "varint longer than 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift <= 63 else { throw ParquetError(.corrupt, "varint longer than 64 bits") }
        }
    }

    static func readZigzag(_ base: UnsafeRawPointer, _ count: Int, _ position: inout Int) throws(ParquetError) -> Int64 {
        let raw = try readUnsigned(base, count, &position)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    static func writeUnsigned(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func writeZigzag(_ value: Int64, into bytes: inout [UInt8]) {
        writeUnsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)), into: &bytes)
    }
}
