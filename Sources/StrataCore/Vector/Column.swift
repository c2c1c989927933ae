// A column of values of one type: typed buffers plus a validity bitmap. Columns are values: once built,
// their buffers are not changed, so they can be shared between batches and threads.

public struct Column: Sendable {
    public let type: DataType
    public let count: Int
    /// Which values are present; nil when every value is.
    public let validity: Bitmap?
    public let storage: Storage

    public enum Storage: Sendable {
        /// `count` values of `type.byteWidth` bytes each.
        case fixedWidth(Buffer)
        /// `count + 1` `Int64` offsets into `bytes`; value `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
        case variableWidth(offsets: Buffer, bytes: Buffer)
        /// `count` `Int32` indices into `dictionary`, which has no nulls; nulls are in the outer validity.
        indirect case dictionary(indices: Buffer, dictionary: Column)
        /// One value repeated `count` times; the inner column has exactly one row (which may be null).
        indirect case constant(Column)
    }

    public init(type: DataType, count: Int, validity: Bitmap?, storage: Storage) {
        self.type = type
        self.count = count
        self.validity = validity
        self.storage = storage
    }

    /// A column of fixed-width values.
    public init(type: DataType, count: Int, values: Buffer, validity: Bitmap? = nil) {
        precondition(type.byteWidth != nil, "\(type) is not fixed-width")
        self.init(type: type, count: count, validity: validity, storage: .fixedWidth(values))
    }

    /// A column of variable-width values (VARCHAR, VARBINARY).
    public init(type: DataType, count: Int, offsets: Buffer, bytes: Buffer, validity: Bitmap? = nil) {
        precondition(type.isVariableWidth, "\(type) is not variable-width")
        self.init(type: type, count: count, validity: validity, storage: .variableWidth(offsets: offsets, bytes: bytes))
    }

    /// `count` nulls of `type`.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        .constant(Column.build(type, [Value.null]), count: count)
    }

    /// `count` copies of the one row of `single`.
    public static func constant(_ single: Column, count: Int) -> Column {
        precondition(single.count == 1, "a constant column repeats exactly one value")
        return Column(type: single.type, count: count, validity: nil, storage: .constant(single))
    }

    /// `count` copies of `value`.
    public static func constant(_ value: Value, _ type: DataType, count: Int) -> Column {
        .constant(Column.build(type, [value]), count: count)
    }

    @inlinable
    public func isNull(_ row: Int) -> Bool {
        switch storage {
        case .constant(let single): return single.isNull(0)
        default:
            guard let validity else { return false }
            return !validity.isSet(row)
        }
    }

    public var nullCount: Int {
        switch storage {
        case .constant(let single): return single.isNull(0) ? count : 0
        default: return validity?.clearCount ?? 0
        }
    }

    /// The fixed-width values as `T` (the caller knows `T` from `type`). Only for `.fixedWidth` storage.
    @inlinable
    public func fixedValues<T: BitwiseCopyable>(as type: T.Type) -> UnsafeBufferPointer<T> {
        guard case .fixedWidth(let buffer) = storage else {
            preconditionFailure("fixedValues on a column stored as \(storage)")
        }
        return UnsafeBufferPointer(start: buffer.baseAddress.assumingMemoryBound(to: T.self), count: count)
    }
}
