// The Thrift compact protocol, read straight from bytes: no generated code and no copies besides the
// strings and binaries a struct keeps. Every length and count is checked against the bytes left before
// use, nesting is limited, and unknown fields are skipped, so newer writers' additions are harmless.

public struct ThriftCompactReader {
    public let bytes: UnsafeRawBufferPointer
    /// Where `bytes` starts in the file, so that errors carry file offsets.
    public let baseOffset: Int
    public private(set) var position = 0
    public let maximumDepth: Int
    /// Id of the last field read in each open struct; the compact protocol sends ids as deltas.
    private var lastFieldIDs: [Int16] = []

    public init(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0, maximumDepth: Int = 64) {
        self.bytes = bytes
        self.baseOffset = baseOffset
        self.maximumDepth = maximumDepth
    }

    public var remaining: Int { bytes.count - position }

    /// An error about the bytes at the current position.
    public func corrupt(_ message: String) -> ParquetError {
        ParquetError(.corrupt, message, offset: baseOffset + position)
    }

    // MARK: Structs

    public mutating func beginStruct() throws(ParquetError) {
        guard lastFieldIDs.count < maximumDepth else {
            throw corrupt("Thrift structures nested deeper than \(maximumDepth) levels")
        }
        lastFieldIDs.append(0)
    }

    /// The next field of the open struct, or nil at its end (which closes it).
    public mutating func nextField() throws(ParquetError) -> ThriftField? {
        let header = try readByte()
        let code = header & 0x0F
        if code == 0 {
            _ = lastFieldIDs.popLast()
            return nil
        }
        guard let type = ThriftType.fromWire(code) else {
            throw corrupt("unknown Thrift field type \(code)")
        }
        let delta = Int16(header >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = (lastFieldIDs.last ?? 0).addingReportingOverflow(delta)
            guard !overflow else { throw corrupt("Thrift field id overflows") }
            id = sum
        }
        if !lastFieldIDs.isEmpty { lastFieldIDs[lastFieldIDs.count - 1] = id }
        return ThriftField(id: id, type: type, boolValue: code == 1)
    }

    // MARK: Scalars

    public mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw corrupt("Thrift data ends early") }
        let byte = bytes[position]
        position += 1
        return byte
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    public mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw corrupt("Thrift varint longer than 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift <= 63 else { throw corrupt("Thrift varint longer than 64 bits") }
        }
    }

    public mutating func readI8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try readByte())
    }

    public mutating func readI16() throws(ParquetError) -> Int16 {
        let value = try readI64()
        guard let narrow = Int16(exactly: value) else { throw corrupt("Thrift i16 out of range: \(value)") }
        return narrow
    }

    public mutating func readI32() throws(ParquetError) -> Int32 {
        let value = try readI64()
        guard let narrow = Int32(exactly: value) else { throw corrupt("Thrift i32 out of range: \(value)") }
        return narrow
    }

    public mutating func readI64() throws(ParquetError) -> Int64 {
        let raw = try readVarint()
        // Zigzag: 0, -1, 1, -2, ... map to 0, 1, 2, 3, ...
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func readDouble() throws(ParquetError) -> Double {
        guard remaining >= 8 else { throw corrupt("Thrift data ends early") }
        let bits = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// The value of a boolean struct field (in its header) or list element (a byte of its own).
    public mutating func readBool(_ field: ThriftField) -> Bool { field.boolValue }

    public mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let length = try readLength()
        let value = Array(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]))
        position += length
        return value
    }

    public mutating func readString() throws(ParquetError) -> String {
        let length = try readLength()
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
        position += length
        return value
    }

    private mutating func readLength() throws(ParquetError) -> Int {
        let length = try readVarint()
        guard length <= UInt64(remaining) else {
            throw corrupt("Thrift binary of \(length) bytes runs past the \(remaining) bytes left")
        }
        return Int(length)
    }

    /// An enum stored as i32; unknown values are an error naming `what`.
    public mutating func readEnum<E: RawRepresentable>(_ type: E.Type, _ what: String) throws(ParquetError) -> E
    where E.RawValue == Int32 {
        let raw = try readI32()
        guard let value = E(rawValue: raw) else { throw corrupt("unknown \(what) \(raw)") }
        return value
    }

    // MARK: Containers

    /// The element type and count of a list or set; the count is checked against the bytes left, since
    /// every element takes at least one byte.
    public mutating func readListHeader() throws(ParquetError) -> (elementType: ThriftType, count: Int) {
        let header = try readByte()
        guard let type = ThriftType.fromWire(header & 0x0F), type != .stop else {
            throw corrupt("unknown Thrift list element type \(header & 0x0F)")
        }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        guard count <= UInt64(remaining) else {
            throw corrupt("Thrift list of \(count) elements runs past the \(remaining) bytes left")
        }
        return (type, Int(count))
    }

    /// A list whose elements `element` reads; elements of another wire type than `expected` are an error.
    public mutating func readList<T>(
        of expected: ThriftType, _ element: (inout ThriftCompactReader) throws(ParquetError) -> T
    ) throws(ParquetError) -> [T] {
        try readKnownList(of: expected) { (reader) throws(ParquetError) -> T? in try element(&reader) }
    }

    /// A list whose elements `element` reads, leaving out those it makes nil of (values this reader does
    /// not know), without an array of optionals in between.
    public mutating func readKnownList<T>(
        of expected: ThriftType, _ element: (inout ThriftCompactReader) throws(ParquetError) -> T?
    ) throws(ParquetError) -> [T] {
        let (type, count) = try readListHeader()
        guard type == expected || count == 0 else {
            throw corrupt("Thrift list of \(type) where \(expected) was expected")
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            if let value = try element(&self) { values.append(value) }
        }
        return values
    }

    public mutating func readI32List() throws(ParquetError) -> [Int32] {
        try readList(of: .i32) { (reader) throws(ParquetError) in try reader.readI32() }
    }

    public mutating func readI64List() throws(ParquetError) -> [Int64] {
        try readList(of: .i64) { (reader) throws(ParquetError) in try reader.readI64() }
    }

    public mutating func readBinaryList() throws(ParquetError) -> [[UInt8]] {
        try readList(of: .binary) { (reader) throws(ParquetError) in try reader.readBinary() }
    }

    public mutating func readStringList() throws(ParquetError) -> [String] {
        try readList(of: .binary) { (reader) throws(ParquetError) in try reader.readString() }
    }

    public mutating func readBoolList() throws(ParquetError) -> [Bool] {
        // Elements are one byte each: 1 is true; writers differ on false (0 or 2).
        try readList(of: .bool) { (reader) throws(ParquetError) in try reader.readByte() == 1 }
    }

    public mutating func readStructList<T: ThriftCodable>(_ type: T.Type) throws(ParquetError) -> [T] {
        try readList(of: .struct) { (reader) throws(ParquetError) in try T(from: &reader) }
    }

    // MARK: Skipping

    /// Skips a value of `type`, however deeply nested (up to the depth limit).
    public mutating func skip(_ type: ThriftType) throws(ParquetError) {
        try skip(type, depth: lastFieldIDs.count)
    }

    private mutating func skip(_ type: ThriftType, depth: Int) throws(ParquetError) {
        guard depth < maximumDepth else {
            throw corrupt("Thrift structures nested deeper than \(maximumDepth) levels")
        }
        switch type {
        case .stop: throw corrupt("unexpected Thrift stop")
        case .bool: return  // struct fields carry the value in the header; list elements call skipListBool
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try advance(by: 8)
        case .binary: try advance(by: try readLength())
        case .list, .set:
            let (elementType, count) = try readListHeader()
            for _ in 0..<count {
                if elementType == .bool { _ = try readByte() } else { try skip(elementType, depth: depth + 1) }
            }
        case .map:
            let count = try readVarint()
            guard count <= UInt64(remaining) else { throw corrupt("Thrift map of \(count) entries runs past the end") }
            guard count > 0 else { return }
            let types = try readByte()
            guard let keyType = ThriftType.fromWire(types >> 4), let valueType = ThriftType.fromWire(types & 0x0F),
                keyType != .stop, valueType != .stop
            else { throw corrupt("unknown Thrift map types \(types)") }
            for _ in 0..<count {
                if keyType == .bool { _ = try readByte() } else { try skip(keyType, depth: depth + 1) }
                if valueType == .bool { _ = try readByte() } else { try skip(valueType, depth: depth + 1) }
            }
        case .struct:
            try beginStruct()
            while let field = try nextField() {
                try skip(field.type, depth: depth + 1)
            }
        }
    }

    private mutating func advance(by count: Int) throws(ParquetError) {
        guard count <= remaining else { throw corrupt("Thrift data ends early") }
        position += count
    }
}

extension ThriftCompactReader {
    /// The error for a required field that a struct lacks.
    public func missing(_ field: String, in structName: String) -> ParquetError {
        corrupt("\(structName) lacks its required field \(field)")
    }
}
