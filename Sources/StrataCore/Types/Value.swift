// One scalar value. For literals, constant folding, partition values and formatting — never for
// per-row work in operators or decoders, which loop over typed buffers instead.

public enum Value: Hashable, Sendable {
    case null
    case boolean(Bool)
    /// TINYINT … BIGINT.
    case integer(Int64)
    case real(Float)
    case double(Double)
    /// The unscaled value of a DECIMAL; the scale comes from the type.
    case decimal(Int128)
    case varchar(String)
    case varbinary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since midnight.
    case time(Int64)
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    case timestamp(Int64)
    case interval(Interval)

    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
