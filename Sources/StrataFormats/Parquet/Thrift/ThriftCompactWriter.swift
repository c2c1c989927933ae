// The Thrift compact protocol, written into a byte array: what the Parquet writer serializes page
// headers, page indexes and the footer with.

public struct ThriftCompactWriter {
    public private(set) var bytes: [UInt8] = []
    private var lastFieldIDs: [Int16] = []

    public init() {}

    public mutating func beginStruct() {
        lastFieldIDs.append(0)
    }

    public mutating func endStruct() {
        bytes.append(0)
        _ = lastFieldIDs.popLast()
    }

    /// A field header; booleans use `writeField(_:bool:)`, which puts the value in the header.
    public mutating func beginField(_ id: Int16, _ type: ThriftType) {
        writeFieldHeader(id, code: type.rawValue)
    }

    private mutating func writeFieldHeader(_ id: Int16, code: UInt8) {
        let last = lastFieldIDs.last ?? 0
        let delta = Int(id) - Int(last)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | code)
        } else {
            bytes.append(code)
            writeI16(id)
        }
        if !lastFieldIDs.isEmpty { lastFieldIDs[lastFieldIDs.count - 1] = id }
    }

    // MARK: Scalars

    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func writeI8(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }
    public mutating func writeI16(_ value: Int16) { writeI64(Int64(value)) }
    public mutating func writeI32(_ value: Int32) { writeI64(Int64(value)) }

    public mutating func writeI64(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeString(_ value: String) {
        writeBinary(Array(value.utf8))
    }

    // MARK: Fields

    public mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, code: value ? 1 : 2)
    }

    public mutating func writeField(_ id: Int16, i8 value: Int8) {
        beginField(id, .byte)
        writeI8(value)
    }

    public mutating func writeField(_ id: Int16, i16 value: Int16) {
        beginField(id, .i16)
        writeI16(value)
    }

    public mutating func writeField(_ id: Int16, i32 value: Int32) {
        beginField(id, .i32)
        writeI32(value)
    }

    public mutating func writeField(_ id: Int16, i64 value: Int64) {
        beginField(id, .i64)
        writeI64(value)
    }

    public mutating func writeField(_ id: Int16, binary value: [UInt8]) {
        beginField(id, .binary)
        writeBinary(value)
    }

    public mutating func writeField(_ id: Int16, string value: String) {
        beginField(id, .binary)
        writeString(value)
    }

    public mutating func writeField<T: ThriftCodable>(_ id: Int16, struct value: T) {
        beginField(id, .struct)
        value.encode(to: &self)
    }

    /// An empty struct: the members of Thrift unions that carry no data.
    public mutating func writeEmptyStructField(_ id: Int16) {
        beginField(id, .struct)
        beginStruct()
        endStruct()
    }

    // Optional fields are written only when present.

    public mutating func writeField(_ id: Int16, bool value: Bool?) {
        if let value { writeField(id, bool: value) }
    }

    public mutating func writeField(_ id: Int16, i32 value: Int32?) {
        if let value { writeField(id, i32: value) }
    }

    public mutating func writeField(_ id: Int16, i64 value: Int64?) {
        if let value { writeField(id, i64: value) }
    }

    public mutating func writeField(_ id: Int16, binary value: [UInt8]?) {
        if let value { writeField(id, binary: value) }
    }

    public mutating func writeField(_ id: Int16, string value: String?) {
        if let value { writeField(id, string: value) }
    }

    public mutating func writeField<T: ThriftCodable>(_ id: Int16, struct value: T?) {
        if let value { writeField(id, struct: value) }
    }

    // MARK: Lists

    public mutating func writeListHeader(_ elementType: ThriftType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    public mutating func writeField(_ id: Int16, i32List values: [Int32]) {
        beginField(id, .list)
        writeListHeader(.i32, count: values.count)
        for value in values { writeI32(value) }
    }

    public mutating func writeField(_ id: Int16, i64List values: [Int64]) {
        beginField(id, .list)
        writeListHeader(.i64, count: values.count)
        for value in values { writeI64(value) }
    }

    public mutating func writeField(_ id: Int16, boolList values: [Bool]) {
        beginField(id, .list)
        writeListHeader(.bool, count: values.count)
        for value in values { bytes.append(value ? 1 : 2) }
    }

    public mutating func writeField(_ id: Int16, binaryList values: [[UInt8]]) {
        beginField(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeBinary(value) }
    }

    public mutating func writeField(_ id: Int16, stringList values: [String]) {
        beginField(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeString(value) }
    }

    public mutating func writeField<T: ThriftCodable>(_ id: Int16, structList values: [T]) {
        beginField(id, .list)
        writeListHeader(.struct, count: values.count)
        for value in values { value.encode(to: &self) }
    }
}
