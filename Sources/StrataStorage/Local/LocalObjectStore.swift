// A folder on the local disk as an object store. Keys are paths below the root; listing walks folders;
// writes go to a hidden temporary file in the same folder and are renamed into place, so a reader sees
// the old object or the new one, never a part.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class LocalObjectStore: ObjectStore {
    public let root: String
    public let statistics = StorageStatistics()

    /// A store rooted at the absolute path `root` (which need not exist yet).
    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public var rootDescription: String { root }

    public func location(of key: String) -> String {
        if key.isEmpty { return root }
        return root == "/" ? "/" + key : root + "/" + key
    }

    // MARK: Listing

    public func list(prefix: String, delimiter: String?) throws(StorageError) -> ObjectListing {
        statistics.recordRequest()
        // The folder to start from is the prefix up to its last slash; the rest filters names in it.
        let folderKey: String
        let namePrefix: Substring
        if let slash = prefix.lastIndex(of: "/") {
            folderKey = String(prefix[..<slash])
            namePrefix = prefix[prefix.index(after: slash)...]
        } else {
            folderKey = ""
            namePrefix = prefix[...]
        }
        var listing = ObjectListing()
        let recursive = delimiter != "/"
        try walk(folderKey: folderKey, namePrefix: namePrefix, recursive: recursive, into: &listing)
        listing.objects.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        listing.commonPrefixes.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return listing
    }

    private func walk(
        folderKey: String, namePrefix: Substring, recursive: Bool, into listing: inout ObjectListing
    ) throws(StorageError) {
        let folderPath = location(of: folderKey)
        guard let directory = opendir(folderPath) else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw posixError("cannot list folder", path: folderPath)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || !name.hasPrefix(namePrefix) { continue }
            names.append(name)
        }
        for name in names {
            let key = folderKey.isEmpty ? name : folderKey + "/" + name
            var info = stat()
            guard stat(location(of: key), &info) == 0 else { continue }  // vanished or a dangling link
            if (info.st_mode & S_IFMT) == S_IFDIR {
                if recursive {
                    try walk(folderKey: key, namePrefix: "", recursive: true, into: &listing)
                } else {
                    listing.commonPrefixes.append(key + "/")
                }
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                listing.objects.append(objectInfo(key: key, info))
            }
        }
    }

    private func objectInfo(key: String, _ info: stat) -> ObjectInfo {
        let milliseconds = Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
        return ObjectInfo(
            key: key, size: Int(info.st_size), lastModified: milliseconds,
            etag: "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
    }

    public func head(_ key: String) throws(StorageError) -> ObjectInfo {
        statistics.recordRequest()
        var info = stat()
        guard stat(location(of: key), &info) == 0 else {
            throw posixError("cannot read object", path: location(of: key))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StorageError(.notFound, "not a file", location: location(of: key))
        }
        return objectInfo(key: key, info)
    }

    // MARK: Reading

    public func read(_ key: String, range: Range<Int>?) throws(StorageError) -> [UInt8] {
        let file = try OpenFile(path: location(of: key))
        let size = try file.size()
        let wanted = range ?? 0..<size
        guard wanted.lowerBound >= 0, wanted.upperBound <= size else {
            throw StorageError(
                .invalidArgument, "byte range \(wanted.lowerBound)..<\(wanted.upperBound) is past the end of the \(size)-byte object",
                location: location(of: key))
        }
        let bytes = try file.read(wanted)
        statistics.recordRequest(bytesRead: bytes.count)
        return bytes
    }

    public func readSuffix(_ key: String, length: Int) throws(StorageError) -> (bytes: [UInt8], objectSize: Int) {
        let file = try OpenFile(path: location(of: key))
        let size = try file.size()
        let bytes = try file.read(max(0, size - length)..<size)
        statistics.recordRequest(bytesRead: bytes.count)
        return (bytes, size)
    }

    // MARK: Writing

    public func write(_ key: String, bytes: [UInt8]) throws(StorageError) {
        let writer = try makeLocalWriter(key)
        do throws(StorageError) {
            try writer.write(bytes: bytes)
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }

    public func makeWriter(_ key: String) throws(StorageError) -> any ObjectWriter {
        try makeLocalWriter(key)
    }

    private func makeLocalWriter(_ key: String) throws(StorageError) -> LocalObjectWriter {
        guard !key.isEmpty, !key.hasSuffix("/") else {
            throw StorageError(.invalidArgument, "cannot write an object without a name", location: location(of: key))
        }
        try ObjectKey.check(key, location: root)
        let path = location(of: key)
        try createFolders(for: path)
        return try LocalObjectWriter(path: path, statistics: statistics)
    }

    public func copy(from source: String, to destination: String) throws(StorageError) {
        let bytes = try read(source, range: nil)
        try write(destination, bytes: bytes)
    }

    /// Marks the private file an object is written to before it is renamed into place:
    /// `.NAME.strata-tmp-PID-RANDOM`, beside the object.
    static let temporaryMarker = ".strata-tmp-"

    /// Deletes the private files below `prefix` that writes left when their process was killed before
    /// renaming them into place; files of processes still running are theirs.
    public func deleteAbandonedWrites(below prefix: String) throws(StorageError) {
        let abandoned = try list(prefix: prefix, delimiter: nil).objects.filter { object in
            let name = object.name
            guard name.hasPrefix("."), let marker = name.range(of: LocalObjectStore.temporaryMarker),
                let pid = Int32(name[marker.upperBound...].prefix(while: { $0 != "-" }))
            else { return false }
            return pid != getpid() && access("/proc/\(pid)", F_OK) != 0
        }.map(\.key)
        if !abandoned.isEmpty { try delete(abandoned) }
    }

    public func delete(_ keys: [String]) throws(StorageError) {
        for key in keys {
            try ObjectKey.check(key, location: root)
            statistics.recordRequest()
            let path = location(of: key)
            if unlink(path) != 0 && errno != ENOENT {
                throw posixError("cannot delete", path: path)
            }
            removeEmptyFolders(above: key)
        }
    }

    /// Folders emptied by a delete go too: on S3 they would not exist, and a leftover empty
    /// `key=value` folder would look like an empty partition.
    private func removeEmptyFolders(above key: String) {
        var folder = key
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            if rmdir(location(of: folder)) != 0 { return }
        }
    }

    private func createFolders(for path: String) throws(StorageError) {
        var current = ""
        for part in ObjectKey.segments(path).dropLast() {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw posixError("cannot create folder", path: current)
            }
        }
    }
}

/// A `StorageError` for the current `errno`.
func posixError(_ what: String, path: String) -> StorageError {
    let number = errno
    let reason = String(cString: strerror(number))
    let code: StorageError.Code
    switch number {
    case ENOENT, ENOTDIR: code = .notFound
    case EACCES, EPERM, EROFS: code = .accessDenied
    case EEXIST: code = .alreadyExists
    default: code = .io
    }
    return StorageError(code, "\(what): \(reason)", location: path)
}

/// A file descriptor open for reading, closed when dropped.
struct OpenFile: ~Copyable {
    let descriptor: Int32
    let path: String

    init(path: String) throws(StorageError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw posixError("cannot open", path: path) }
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    func size() throws(StorageError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw posixError("cannot stat", path: path) }
        return Int(info.st_size)
    }

    func read(_ range: Range<Int>) throws(StorageError) -> [UInt8] {
        var failure: StorageError?
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            var done = 0
            while done < range.count {
                let got = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = posixError("cannot read", path: path)
                    break
                }
                if got == 0 {
                    failure = StorageError(
                        .corrupt, "file ended at byte \(range.lowerBound + done), expected \(range.upperBound)",
                        location: path)
                    break
                }
                done += got
            }
            initialized = failure == nil ? range.count : 0
        }
        if let failure { throw failure }
        return bytes
    }
}

/// Writes to a hidden temporary file beside the target and renames it into place on `finish()`.
final class LocalObjectWriter: ObjectWriter {
    private let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private let statistics: StorageStatistics
    private var written = 0

    init(path: String, statistics: StorageStatistics) throws(StorageError) {
        self.path = path
        self.statistics = statistics
        let slash = path.lastIndex(of: "/")!
        let name = path[path.index(after: slash)...]
        temporaryPath = path[...slash] + ".\(name)\(LocalObjectStore.temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Private until published: other users see the object only once it is complete.
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw posixError("cannot create", path: temporaryPath) }
    }

    deinit {
        if descriptor >= 0 { abort() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let put = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if put < 0 {
                if errno == EINTR { continue }
                throw posixError("cannot write", path: temporaryPath)
            }
            done += put
        }
        written += bytes.count
    }

    func finish() throws(StorageError) {
        guard descriptor >= 0 else { return }
        defer { descriptor = -1 }
        guard fsync(descriptor) == 0 else {
            close(descriptor)
            unlink(temporaryPath)
            throw posixError("cannot flush", path: temporaryPath)
        }
        fchmod(descriptor, 0o644)
        close(descriptor)
        guard rename(temporaryPath, path) == 0 else {
            let error = posixError("cannot publish", path: path)
            unlink(temporaryPath)
            throw error
        }
        statistics.recordRequest(bytesWritten: written)
    }

    func abort() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        unlink(temporaryPath)
        descriptor = -1
    }
}
