// The one way every layer above reaches bytes: a store of objects addressed by `/`-separated keys below a
// root (a local folder or `s3://bucket/prefix`). Calls are synchronous; a store that can do better than
// one request at a time (S3) overrides the batch calls (several listings, suffixes, heads, ranged reads)
// to run them concurrently.

public protocol ObjectStore: AnyObject, Sendable {
    /// The root, as users name it: `/data/lake` or `s3://bucket/prefix`.
    var rootDescription: String { get }

    /// Requests made and bytes moved through this store.
    var statistics: StorageStatistics { get }

    /// The user-facing name of `key`: a full path or an `s3://` URI, for messages.
    func location(of key: String) -> String

    /// Objects whose keys start with `prefix`, in key order. With a delimiter, keys that continue past
    /// the next delimiter are rolled up into `commonPrefixes` (each ending with the delimiter), as S3 does.
    func list(prefix: String, delimiter: String?) throws(StorageError) -> ObjectListing

    /// Several listings, in the order given (one level of partition folders, say). Stores may run them
    /// concurrently.
    func list(prefixes: [String], delimiter: String?) throws(StorageError) -> [ObjectListing]

    /// Size and version of one object; `.notFound` if there is none.
    func head(_ key: String) throws(StorageError) -> ObjectInfo

    /// Metadata of several objects, in the order given. Stores may fetch them concurrently.
    func heads(_ keys: [String]) throws(StorageError) -> [ObjectInfo]

    /// The bytes of `range` of the object (the whole object when nil). A range past the end is an error.
    func read(_ key: String, range: Range<Int>?) throws(StorageError) -> [UInt8]

    /// The last `length` bytes of the object (all of it if shorter) and the object's size, in one request.
    func readSuffix(_ key: String, length: Int) throws(StorageError) -> (bytes: [UInt8], objectSize: Int)

    /// `readSuffix` of several objects (the footers of a scan's files), in the order given. Stores may
    /// run them concurrently.
    func readSuffixes(_ keys: [String], length: Int) throws(StorageError) -> [(bytes: [UInt8], objectSize: Int)]

    /// Several ranged reads, in the order given. Stores may run them concurrently and merge nearby
    /// ranges of one object into one request.
    func read(_ requests: [RangeRead]) throws(StorageError) -> [[UInt8]]

    /// Writes a whole object at once; readers see the old object or the new one, never a part.
    func write(_ key: String, bytes: [UInt8]) throws(StorageError)

    /// Starts writing an object in pieces; nothing is visible at `key` until `finish()`.
    func makeWriter(_ key: String) throws(StorageError) -> any ObjectWriter

    func copy(from source: String, to destination: String) throws(StorageError)

    /// Deletes the objects; keys that do not exist are not an error.
    func delete(_ keys: [String]) throws(StorageError)
}

extension ObjectStore {
    /// Whether the store is an object store across a network, where a request waits tens of milliseconds
    /// and a few kilobytes more per request cost nothing; a local folder answers a read in microseconds.
    public var isRemote: Bool { rootDescription.hasPrefix("s3://") }

    public func list(prefixes: [String], delimiter: String?) throws(StorageError) -> [ObjectListing] {
        var listings: [ObjectListing] = []
        listings.reserveCapacity(prefixes.count)
        for prefix in prefixes {
            listings.append(try list(prefix: prefix, delimiter: delimiter))
        }
        return listings
    }

    public func heads(_ keys: [String]) throws(StorageError) -> [ObjectInfo] {
        var infos: [ObjectInfo] = []
        infos.reserveCapacity(keys.count)
        for key in keys {
            infos.append(try head(key))
        }
        return infos
    }

    public func readSuffixes(_ keys: [String], length: Int) throws(StorageError) -> [(bytes: [UInt8], objectSize: Int)] {
        var results: [(bytes: [UInt8], objectSize: Int)] = []
        results.reserveCapacity(keys.count)
        for key in keys {
            results.append(try readSuffix(key, length: length))
        }
        return results
    }

    public func read(_ requests: [RangeRead]) throws(StorageError) -> [[UInt8]] {
        var results: [[UInt8]] = []
        results.reserveCapacity(requests.count)
        for request in requests {
            results.append(try read(request.key, range: request.range))
        }
        return results
    }

    /// Whether an object exists at `key`.
    public func exists(_ key: String) throws(StorageError) -> Bool {
        do {
            _ = try head(key)
            return true
        } catch where error.code == .notFound {
            return false
        }
    }
}

/// An object being written. `finish()` publishes it; `abort()` (or dropping an unfinished writer)
/// leaves nothing behind.
public protocol ObjectWriter: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError)
    func finish() throws(StorageError)
    func abort()
}

extension ObjectWriter {
    /// Writes the bytes of an array.
    public func write(bytes: [UInt8]) throws(StorageError) {
        var failure: StorageError?
        bytes.withUnsafeBytes { raw in
            do throws(StorageError) {
                try write(raw)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}

public struct ObjectInfo: Hashable, Sendable {
    /// Key below the store's root.
    public var key: String
    public var size: Int
    /// Milliseconds since the epoch, when the store knows it.
    public var lastModified: Int64?
    /// A version tag (S3 ETag, or size and mtime locally) that changes when the object does.
    public var etag: String?

    public init(key: String, size: Int, lastModified: Int64? = nil, etag: String? = nil) {
        self.key = key
        self.size = size
        self.lastModified = lastModified
        self.etag = etag
    }

    /// The last path component of the key.
    public var name: Substring {
        guard let slash = key.lastIndex(of: "/") else { return key[...] }
        return key[key.index(after: slash)...]
    }
}

public struct ObjectListing: Sendable {
    public var objects: [ObjectInfo]
    /// Rolled-up key prefixes, each ending with the delimiter.
    public var commonPrefixes: [String]

    public init(objects: [ObjectInfo] = [], commonPrefixes: [String] = []) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
    }
}

public struct RangeRead: Hashable, Sendable {
    public var key: String
    public var range: Range<Int>

    public init(key: String, range: Range<Int>) {
        self.key = key
        self.range = range
    }
}
