// One file a write produced, with what the commit record, the statement's summary and the
// materialization metrics need.
import StrataCore

public struct WrittenFile: Sendable {
    /// The partition folder below the table (`k1=v1/k2=v2`), empty for an unpartitioned table.
    public var partitionPath: String
    /// The file name in that folder.
    public var name: String
    /// The typed partition values, in key order.
    public var partitionValues: [Value]
    public var rows: Int
    public var bytes: Int
    /// NULLs per data column.
    public var nullCounts: [Int]

    /// The file's key below the folder written into.
    public var relativeKey: String { partitionPath.isEmpty ? name : partitionPath + "/" + name }
}
