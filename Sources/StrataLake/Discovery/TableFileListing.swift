// The data files of a table with the partition values their paths carry. Every file of a partitioned
// table sits below the same sequence of `key=value` folders; anything else below the table is skipped with
// a warning rather than guessed at.
import StrataStorage

public struct DataFile: Hashable, Sendable {
    public var key: String
    public var size: Int
    public var format: DataFileFormat
    /// Raw (unescaped) partition values in the order of the table's keys; nil is NULL.
    public var partitionValues: [String?]
    public var etag: String?

    public init(key: String, size: Int, format: DataFileFormat, partitionValues: [String?], etag: String? = nil) {
        self.key = key
        self.size = size
        self.format = format
        self.partitionValues = partitionValues
        self.etag = etag
    }
}

public struct TableFileListing: Sendable {
    /// Partition keys, outermost first.
    public var partitionKeys: [String]
    public var files: [DataFile]
    /// Paths skipped and why, for the user.
    public var warnings: [String]

    /// Lists every data file below `table`, recursively, in key order.
    public static func list(_ table: LakeTableLocation, in store: any ObjectStore) throws(StorageError) -> TableFileListing {
        let objects = try store.list(prefix: table.prefix, delimiter: nil).objects
        var keys: [String]?
        var files: [DataFile] = []
        var warnings: [String] = []
        var skippedFolders = Set<String>()
        objectLoop: for object in objects {
            let relative = object.key.dropFirst(table.prefix.count)
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
            let folders = parts.dropLast()
            guard let format = DataFileFormat.of(fileName: parts.last ?? "") else { continue }
            var segments: [PartitionSegment] = []
            for folder in folders {
                if DataFileFormat.isIgnoredFolder(folder) { continue objectLoop }
                guard let segment = PartitionSegment(folderName: folder) else {
                    let where_ = String(relative.prefix(upTo: folder.endIndex))
                    if skippedFolders.insert(where_).inserted {
                        warnings.append(
                            "\(store.location(of: table.prefix + where_)): not a key=value folder; its files are not part of table \(table.name)")
                    }
                    continue objectLoop
                }
                segments.append(segment)
            }
            let fileKeys = segments.map(\.key)
            if let keys, keys.map({ $0.lowercased() }) != fileKeys.map({ $0.lowercased() }) {
                warnings.append(
                    "\(store.location(of: object.key)): partition keys \(fileKeys) differ from the table's \(keys); skipped")
                continue
            }
            if keys == nil { keys = fileKeys }
            files.append(
                DataFile(
                    key: object.key, size: object.size, format: format, partitionValues: segments.map(\.value),
                    etag: object.etag))
        }
        return TableFileListing(partitionKeys: keys ?? [], files: files, warnings: warnings)
    }
}
