// The output of a string kernel: UTF-8 bytes appended row by row, with offsets and validity.
import StrataCore

struct StringResult {
    let type: DataType
    let count: Int
    let offsets: Buffer
    let bytes: Buffer
    var validity: ResultValidity
    private var written = 0

    init(_ type: DataType = .varchar, count: Int, validity: ResultValidity, byteCapacity: Int = 0) {
        self.type = type
        self.count = count
        offsets = Buffer(capacity: (count + 1) * 8)
        offsets.append(Int64(0))
        bytes = Buffer(capacity: byteCapacity)
        self.validity = validity
    }

    init(_ type: DataType = .varchar, count: Int, validity: Bitmap?, byteCapacity: Int = 0) {
        self.init(type, count: count, validity: ResultValidity(validity, count: count), byteCapacity: byteCapacity)
    }

    /// Ends the current row after the bytes appended to it.
    @inline(__always)
    mutating func endRow() {
        offsets.append(Int64(bytes.count))
        written &+= 1
    }

    @inline(__always)
    mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(value))
        endRow()
    }

    /// Appends to the current row without ending it.
    @inline(__always)
    func appendPart(_ part: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(part))
    }

    @inline(__always)
    func appendByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { appendPart($0) }
        endRow()
    }

    /// Ends the current row as NULL (dropping what was appended to it).
    mutating func appendNull() {
        bytes.count = Int(offsets.values(as: Int64.self)[written])
        validity.setNull(written)
        endRow()
    }

    func finish() -> Column {
        precondition(written == count, "string kernel wrote \(written) of \(count) rows")
        return Column(type: type, count: count, offsets: offsets, bytes: bytes, validity: validity.bitmap)
    }
}
