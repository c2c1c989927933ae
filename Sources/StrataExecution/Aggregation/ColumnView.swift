// Typed, pointer-level access to a plain column for kernels: the values, the offsets and bytes of a
// string column, and the validity. Holds the column so its buffers stay alive.
import StrataCore

struct ColumnView {
    let column: Column
    let count: Int
    let validity: Bitmap?
    /// Fixed-width values (nil for variable-width columns).
    let values: UnsafeRawPointer?
    /// `count + 1` offsets and the bytes of a variable-width column.
    let offsets: UnsafePointer<Int64>?
    let bytes: UnsafeRawPointer?

    init(_ source: Column) {
        let plain = source.flattened()
        column = plain
        count = plain.count
        validity = plain.validity
        switch plain.storage {
        case .fixedWidth(let buffer):
            values = UnsafeRawPointer(buffer.baseAddress)
            offsets = nil
            bytes = nil
        case .variableWidth(let offsetBuffer, let byteBuffer):
            values = nil
            offsets = UnsafePointer(offsetBuffer.baseAddress.assumingMemoryBound(to: Int64.self))
            bytes = UnsafeRawPointer(byteBuffer.baseAddress)
        case .dictionary, .constant:
            preconditionFailure("flattened() returned a non-plain column")
        }
    }

    /// Which rows of `source` are NULL, without its values: for kernels that only count (count(x)), so a
    /// dictionary or constant column is not flattened into a copy of every row's value.
    static func nulls(of source: Column) -> ColumnView {
        ColumnView(nullsOf: source)
    }

    private init(nullsOf source: Column) {
        column = source
        count = source.count
        switch source.storage {
        case .constant(let single):
            validity = single.isNull(0) ? Bitmap(count: source.count, allSet: false) : nil
        default:
            validity = source.validity
        }
        values = nil
        offsets = nil
        bytes = nil
    }

    var type: DataType { column.type }

    @inline(__always)
    func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity.isSet(row)
    }

    @inline(__always)
    func typed<T>(_ type: T.Type) -> UnsafePointer<T> {
        values!.assumingMemoryBound(to: T.self)
    }

    /// The bytes of row `row` of a variable-width column.
    @inline(__always)
    func bytes(at row: Int) -> UnsafeRawBufferPointer {
        let start = Int(offsets![row])
        return UnsafeRawBufferPointer(start: bytes! + start, count: Int(offsets![row + 1]) - start)
    }

    /// The values as doubles, converting integers, REAL and DECIMAL (by its scale); NULL rows hold 0.
    func doubles() throws -> [Double] {
        var result = [Double](repeating: 0, count: count)
        switch type {
        case .double: for row in 0..<count { result[row] = typed(Double.self)[row] }
        case .real: for row in 0..<count { result[row] = Double(typed(Float.self)[row]) }
        case .tinyint: for row in 0..<count { result[row] = Double(typed(Int8.self)[row]) }
        case .smallint: for row in 0..<count { result[row] = Double(typed(Int16.self)[row]) }
        case .integer: for row in 0..<count { result[row] = Double(typed(Int32.self)[row]) }
        case .bigint: for row in 0..<count { result[row] = Double(typed(Int64.self)[row]) }
        case .decimal(_, let scale):
            let divisor = DecimalMath.powerOfTen(scale)
            for row in 0..<count { result[row] = Double(typed(Int128.self)[row]) / Double(divisor) }
        case .unknown: break
        default:
            throw ExecutionError(.invalidArgument, "expected a numeric argument, got \(type)")
        }
        return result
    }

    /// The values of an integer or DATE column as Int64 (days for dates); NULL rows hold 0.
    func integersOrDays() throws -> [Int64] {
        if type == .date {
            let days = typed(Int32.self)
            return (0..<count).map { Int64(days[$0]) }
        }
        return try integers()
    }

    /// The values as Int64, widening smaller integers; NULL rows hold 0.
    func integers() throws -> [Int64] {
        var result = [Int64](repeating: 0, count: count)
        switch type {
        case .tinyint: for row in 0..<count { result[row] = Int64(typed(Int8.self)[row]) }
        case .smallint: for row in 0..<count { result[row] = Int64(typed(Int16.self)[row]) }
        case .integer: for row in 0..<count { result[row] = Int64(typed(Int32.self)[row]) }
        case .bigint: for row in 0..<count { result[row] = typed(Int64.self)[row] }
        case .unknown: break
        default:
            throw ExecutionError(.invalidArgument, "expected an integer argument, got \(type)")
        }
        return result
    }
}
