// One object held in memory, so the Parquet targets open fuzzed bytes through the real `ObjectStore` path
// (ranged reads, suffix reads, coalesced batches) without touching the disk on every input.
import StrataStorage

final class MemoryObjectStore: ObjectStore, @unchecked Sendable {
    let key: String
    let bytes: [UInt8]
    let statistics = StorageStatistics()

    init(key: String, bytes: [UInt8]) {
        self.key = key
        self.bytes = bytes
    }

    var rootDescription: String { "memory:" }

    func location(of key: String) -> String { "memory:/" + key }

    private func object(_ key: String) throws(StorageError) -> [UInt8] {
        guard key == self.key else { throw StorageError(.notFound, "no such object", location: location(of: key)) }
        return bytes
    }

    func list(prefix: String, delimiter: String?) throws(StorageError) -> ObjectListing {
        ObjectListing(objects: key.hasPrefix(prefix) ? [ObjectInfo(key: key, size: bytes.count)] : [])
    }

    func head(_ key: String) throws(StorageError) -> ObjectInfo {
        ObjectInfo(key: key, size: try object(key).count)
    }

    func read(_ key: String, range: Range<Int>?) throws(StorageError) -> [UInt8] {
        let bytes = try object(key)
        guard let range else { return bytes }
        // The same contract as the real stores: a range past the end is an error, not a trap.
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw StorageError(.invalidArgument, "range \(range) is outside the \(bytes.count)-byte object", location: location(of: key))
        }
        return Array(bytes[range])
    }

    func readSuffix(_ key: String, length: Int) throws(StorageError) -> (bytes: [UInt8], objectSize: Int) {
        let bytes = try object(key)
        return (Array(bytes.suffix(max(0, length))), bytes.count)
    }

    func write(_ key: String, bytes: [UInt8]) throws(StorageError) { throw refusal(key) }
    func makeWriter(_ key: String) throws(StorageError) -> any ObjectWriter { throw refusal(key) }
    func copy(from source: String, to destination: String) throws(StorageError) { throw refusal(destination) }
    func delete(_ keys: [String]) throws(StorageError) { throw refusal(keys.first ?? "") }

    private func refusal(_ key: String) -> StorageError {
        StorageError(.accessDenied, "the fuzzing store is read-only", location: location(of: key))
    }
}
