// Builds a plain (fixed- or variable-width) column value by value. Decoders and operators fill buffers
// directly; this is for the places that produce values one at a time (CSV and JSON readers, constants).

public struct ColumnBuilder {
    public let type: DataType
    public private(set) var count = 0
    private let values: Buffer
    private let offsets: Buffer?
    private var validity: Bitmap?

    public init(type: DataType, capacity: Int = 1024) {
        self.type = type
        if let width = type.byteWidth {
            values = Buffer(capacity: width * capacity)
            offsets = nil
        } else {
            values = Buffer(capacity: capacity * 8)
            let offsets = Buffer(capacity: (capacity + 1) * 8)
            offsets.append(Int64(0))
            self.offsets = offsets
        }
    }

    public mutating func appendNull() {
        if validity == nil {
            let bitmap = Bitmap(count: Swift.max(count + 1, 1024), allSet: true)
            validity = bitmap
        }
        ensureValidityCapacity()
        validity!.clear(count)
        appendPlaceholder()
        count += 1
    }

    /// Appends `value`, which must be null or of the kind `type` stores.
    public mutating func append(_ value: Value) {
        switch (value, type) {
        case (.null, _): appendNull(); return
        case (.boolean(let v), .boolean): values.append(UInt8(v ? 1 : 0))
        case (.integer(let v), .tinyint): values.append(Int8(truncatingIfNeeded: v))
        case (.integer(let v), .smallint): values.append(Int16(truncatingIfNeeded: v))
        case (.integer(let v), .integer): values.append(Int32(truncatingIfNeeded: v))
        case (.integer(let v), .bigint): values.append(v)
        case (.real(let v), .real): values.append(v)
        case (.double(let v), .double): values.append(v)
        case (.decimal(let v), .decimal): values.append(v)
        case (.date(let v), .date): values.append(v)
        case (.time(let v), .time): values.append(v)
        case (.timestamp(let v), .timestamp): values.append(v)
        case (.interval(let v), .interval): values.append(v)
        case (.varchar(var text), .varchar):
            text.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
            return
        case (.varbinary(let bytes), .varbinary):
            bytes.withUnsafeBytes { appendBytes($0) }
            return
        default:
            preconditionFailure("cannot store \(value) in a \(type) column")
        }
        markPresent()
    }

    /// Appends a variable-width value from raw bytes.
    public mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        precondition(offsets != nil, "appendBytes on a fixed-width column")
        values.append(contentsOf: bytes)
        offsets!.append(Int64(values.count))
        markPresent()
    }

    public mutating func finish() -> Column {
        let finalValidity = validity.map { Bitmap(buffer: $0.buffer, count: count) }
        if let offsets {
            return Column(type: type, count: count, offsets: offsets, bytes: values, validity: finalValidity)
        }
        return Column(type: type, count: count, values: values, validity: finalValidity)
    }

    private mutating func markPresent() {
        if validity != nil {
            ensureValidityCapacity()
            validity!.set(count)
        }
        count += 1
    }

    private mutating func appendPlaceholder() {
        if let offsets {
            offsets.append(Int64(values.count))
        } else if let width = type.byteWidth, width > 0 {
            values.extend(by: width).initializeMemory(as: UInt8.self, repeating: 0, count: width)
        }
    }

    private mutating func ensureValidityCapacity() {
        guard let current = validity, count >= current.count else { return }
        let grown = Bitmap(count: current.count * 2, allSet: true)
        grown.buffer.baseAddress.copyMemory(from: current.buffer.baseAddress, byteCount: current.buffer.count)
        validity = grown
    }
}
