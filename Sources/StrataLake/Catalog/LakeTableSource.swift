// A table of the lake as the scan sees it: its files with their partition values, the partition keys
// and their types, and the merged columns of its files.
import StrataCore
import StrataPlanner
import StrataStorage

public final class LakeTableSource: TableSource, @unchecked Sendable {
    public let name: String
    public let store: any ObjectStore
    /// Key prefix of the table's folder (empty for a table function's files).
    public let prefix: String
    public let files: [DataFile]
    public let partitionKeys: [String]
    public let partitionTypes: [DataType]
    /// The files' merged columns, before the partition columns.
    public let dataFields: [Field]
    public let format: DataFileFormat
    /// Paths skipped while listing and why.
    public let warnings: [String]

    init(
        name: String, store: any ObjectStore, prefix: String, files: [DataFile], partitionKeys: [String],
        partitionTypes: [DataType], dataFields: [Field], format: DataFileFormat, warnings: [String]
    ) {
        self.name = name
        self.store = store
        self.prefix = prefix
        self.files = files
        self.partitionKeys = partitionKeys
        self.partitionTypes = partitionTypes
        self.dataFields = dataFields
        self.format = format
        self.warnings = warnings
    }

    public var identity: String { store.location(of: prefix) + "#" + name }

    /// Data columns, then the partition columns (a partition key shadows a file column of its name).
    public var columns: [Field] {
        let keys = Set(partitionKeys.map { $0.lowercased() })
        return dataFields.filter { !keys.contains($0.name.lowercased()) }
            + zip(partitionKeys, partitionTypes).map { Field($0, $1) }
    }

    public var handle: TableHandle {
        let columns = self.columns
        let first = columns.count - partitionKeys.count
        return TableHandle(name: name, columns: columns, partitionColumns: Array(first..<columns.count), source: self)
    }
}
