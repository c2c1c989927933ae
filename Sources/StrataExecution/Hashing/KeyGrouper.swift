// Numbers the distinct key tuples of a stream of batches 0, 1, 2, ... in first-seen order, for code outside
// the operators that needs grouping without aggregating: the lake's partitioned writer routes every row to
// the file of its partition key this way. A thin public face of the GROUP BY hash table.
import StrataCore

public final class KeyGrouper {
    private let table: GroupHashTable

    public init(keyTypes: [DataType]) {
        table = GroupHashTable(keyTypes: keyTypes)
    }

    public var keyTypes: [DataType] { table.keyTypes }

    /// Distinct keys seen so far.
    public var groupCount: Int { table.groupCount }

    /// Bytes the table holds.
    public var byteCount: Int { table.byteCount }

    /// The group of each row of `columns` (one column per key, `count` rows each); new keys get the next
    /// numbers. NULLs are keys like any other value.
    public func groups(_ columns: [Column], count: Int) -> [Int32] {
        table.findOrInsert(columns, count: count)
    }

    /// The keys of the groups in `range`, one column per key.
    public func keys(_ range: Range<Int>) -> [Column] {
        table.keyColumns(range)
    }
}
