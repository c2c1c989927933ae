// A store that reads through to another and refuses every write, copy and delete: what `--read-only`
// sessions see, so no statement or command can change the lake, whatever path its writes would take.

public final class ReadOnlyObjectStore: ObjectStore, @unchecked Sendable {
    public let base: any ObjectStore

    public init(_ base: any ObjectStore) {
        self.base = base
    }

    public var rootDescription: String { base.rootDescription }
    public var statistics: StorageStatistics { base.statistics }
    public func location(of key: String) -> String { base.location(of: key) }

    public func list(prefix: String, delimiter: String?) throws(StorageError) -> ObjectListing {
        try base.list(prefix: prefix, delimiter: delimiter)
    }

    public func list(prefixes: [String], delimiter: String?) throws(StorageError) -> [ObjectListing] {
        try base.list(prefixes: prefixes, delimiter: delimiter)
    }

    public func head(_ key: String) throws(StorageError) -> ObjectInfo { try base.head(key) }
    public func heads(_ keys: [String]) throws(StorageError) -> [ObjectInfo] { try base.heads(keys) }
    public func read(_ key: String, range: Range<Int>?) throws(StorageError) -> [UInt8] { try base.read(key, range: range) }

    public func readSuffix(_ key: String, length: Int) throws(StorageError) -> (bytes: [UInt8], objectSize: Int) {
        try base.readSuffix(key, length: length)
    }

    public func readSuffixes(_ keys: [String], length: Int) throws(StorageError) -> [(bytes: [UInt8], objectSize: Int)] {
        try base.readSuffixes(keys, length: length)
    }

    public func read(_ requests: [RangeRead]) throws(StorageError) -> [[UInt8]] { try base.read(requests) }

    public func write(_ key: String, bytes: [UInt8]) throws(StorageError) { throw refusal("write", key) }
    public func makeWriter(_ key: String) throws(StorageError) -> any ObjectWriter { throw refusal("write", key) }
    public func copy(from source: String, to destination: String) throws(StorageError) { throw refusal("copy to", destination) }

    public func delete(_ keys: [String]) throws(StorageError) {
        guard let first = keys.first else { return }
        throw refusal("delete", first)
    }

    private func refusal(_ action: String, _ key: String) -> StorageError {
        StorageError(.accessDenied, "the lake is open read-only (--read-only); refused to \(action) it", location: base.location(of: key))
    }
}
