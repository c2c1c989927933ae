// The wire types of the Thrift compact protocol. The two boolean codes (1 true, 2 false) of a field
// header are folded into `bool`; the value travels with the field.

public enum ThriftType: UInt8, Sendable, Hashable {
    case stop = 0
    case bool = 1
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// The type of a 4-bit wire code; nil for codes the protocol does not define.
    @inlinable
    static func fromWire(_ code: UInt8) -> ThriftType? {
        code == 2 ? .bool : ThriftType(rawValue: code)
    }
}

/// One field header of a struct: its id, its type and, for booleans, its value.
public struct ThriftField: Sendable, Hashable {
    public var id: Int16
    public var type: ThriftType
    /// The value of a boolean field, which the compact protocol stores in the header.
    public var boolValue: Bool
}
