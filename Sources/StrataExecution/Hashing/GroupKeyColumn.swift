// The keys of the groups of a hash table, one column of them: appended when a group is created, compared
// against incoming rows in bulk, and turned back into a column for output.
import StrataCore

protocol GroupKeyColumn: AnyObject {
    var count: Int { get }
    /// Bytes held, for memory accounting.
    var byteCount: Int { get }
    /// Appends the keys at `rows` of `key` as new groups, in order.
    func append(_ key: KeyVector, rows: UnsafeBufferPointer<Int32>)
    /// Sets `mismatch[i]` when the key at `rows[i]` differs from the key of group `groups[i]`; NULL
    /// equals NULL here (callers that want SQL equality drop NULL keys first).
    func markMismatches(
        _ key: KeyVector, rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>,
        into mismatch: UnsafeMutablePointer<Bool>)
    /// The keys of the groups in `range`, as a column.
    func column(_ range: Range<Int>) -> Column
}

enum GroupKeyColumns {
    static func make(for type: DataType) -> GroupKeyColumn {
        switch type.byteWidth {
        case nil: return VariableWidthGroupKeys(type: type)
        case 0: return NullGroupKeys(type: type)
        case 1: return FixedWidthGroupKeys<UInt8>(type: type)
        case 2: return FixedWidthGroupKeys<UInt16>(type: type)
        case 4: return FixedWidthGroupKeys<UInt32>(type: type)
        case 8: return FixedWidthGroupKeys<UInt64>(type: type)
        case 16: return FixedWidthGroupKeys<UInt128>(type: type)
        case let width?: preconditionFailure("no group keys for byte width \(width)")
        }
    }
}

/// Keys of the UNKNOWN type: every one is NULL, so all are equal.
final class NullGroupKeys: GroupKeyColumn {
    let type: DataType
    private(set) var count = 0

    init(type: DataType) { self.type = type }

    var byteCount: Int { 0 }

    func append(_ key: KeyVector, rows: UnsafeBufferPointer<Int32>) { count += rows.count }

    func markMismatches(
        _ key: KeyVector, rows: UnsafeBufferPointer<Int32>, groups: UnsafeBufferPointer<Int32>,
        into mismatch: UnsafeMutablePointer<Bool>
    ) {}

    func column(_ range: Range<Int>) -> Column { Column.nulls(type, count: range.count) }
}
