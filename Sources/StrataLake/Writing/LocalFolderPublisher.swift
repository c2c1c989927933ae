// Publishing in a local folder, where a unit appears all at once: a new folder is renamed into place, an
// existing one is swapped with its staged replacement in one `renameat2(RENAME_EXCHANGE)` (the old
// version lands in the staging folder and is deleted afterwards). Appending to an existing partition first
// hard-links its current files into the staged folder, so the swap adds files without a moment where any
// are missing. A marker file left in the published folder tells a re-run that the unit is done.
// Where the file system cannot exchange, the old folder is moved aside and the new one renamed in: a
// reader may then find the unit missing for that instant, and a run killed between the two renames is
// completed by the next one.
#if canImport(Glibc)
import Glibc
#endif
import StrataStorage

struct LocalFolderPublisher: UnitPublisher {
    let store: LocalObjectStore

    private func path(_ prefix: String) -> String {
        var trimmed = prefix
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed.isEmpty ? store.root : store.location(of: trimmed)
    }

    func prepare(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {
        guard !unit.remove else { return }
        let staged = path(TransactionRecord.folder(record.stagingPrefix, unit.path))
        try LocalFiles.makeFolders(staged)
        try LocalFiles.writeEmpty(staged + "/" + record.markerName)
    }

    func publish(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {
        let staged = path(TransactionRecord.folder(record.stagingPrefix, unit.path))
        let target = path(TransactionRecord.folder(record.targetPrefix, unit.path))
        if LocalFiles.exists(target + "/" + record.markerName) { return }
        guard LocalFiles.isFolder(staged) else {
            throw LakeError("\(staged): the staged files of transaction \(record.id) are missing; cannot publish \(target)")
        }
        guard LocalFiles.isFolder(target) else {
            try LocalFiles.makeFolders(LocalFiles.parent(of: target))
            try LocalFiles.rename(staged, target)
            LocalFiles.syncFolder(LocalFiles.parent(of: target))
            return
        }
        if !unit.replace { try LocalFiles.linkTree(from: target, into: staged) }
        if try LocalFiles.exchange(staged, target) {
            LocalFiles.syncFolder(LocalFiles.parent(of: target))
            try LocalFiles.removeTree(staged)
            return
        }
        let aside = path(record.controlPrefix + "trash/" + record.id + "/" + String(UInt64.random(in: 0...UInt64.max), radix: 16))
        try LocalFiles.makeFolders(LocalFiles.parent(of: aside))
        try LocalFiles.rename(target, aside)
        try LocalFiles.rename(staged, target)
        LocalFiles.syncFolder(LocalFiles.parent(of: target))
        try LocalFiles.removeTree(aside)
    }

    func remove(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {
        let target = path(TransactionRecord.folder(record.targetPrefix, unit.path))
        guard LocalFiles.isFolder(target) else { return }
        let aside = path(record.controlPrefix + "trash/" + record.id + "/" + String(UInt64.random(in: 0...UInt64.max), radix: 16))
        try LocalFiles.makeFolders(LocalFiles.parent(of: aside))
        try LocalFiles.rename(target, aside)
        LocalFiles.syncFolder(LocalFiles.parent(of: target))
        try LocalFiles.removeTree(aside)
        LocalFiles.removeEmptyFolders(from: LocalFiles.parent(of: target), stoppingAt: store.root)
    }

    func finish(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {
        guard !unit.remove else { return }
        let target = path(TransactionRecord.folder(record.targetPrefix, unit.path))
        unlink(target + "/" + record.markerName)
    }

    func exists(_ prefix: String) throws -> Bool {
        LocalFiles.exists(path(prefix))
    }

    func deleteTree(_ prefix: String) throws {
        let folder = path(prefix)
        guard folder != store.root else { return }
        try LocalFiles.removeTree(folder)
        LocalFiles.removeEmptyFolders(from: LocalFiles.parent(of: folder), stoppingAt: store.root)
    }
}

/// The POSIX calls publishing needs, with errors that name the path.
enum LocalFiles {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func makeFolders(_ path: String) throws {
        var current = ""
        for part in ObjectKey.segments(path) {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw failure("cannot create folder", current)
            }
        }
    }

    static func writeEmpty(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create", path) }
        fsync(descriptor)
        close(descriptor)
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw failure("cannot rename \(from) to", to) }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2` is not in every C library's headers; look it up once at run time.
    private static let renameAt2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Swaps two paths atomically; false where the file system cannot.
    static func exchange(_ a: String, _ b: String) throws -> Bool {
        guard let renameAt2 else { return false }
        let exchangeFlag: UInt32 = 2  // RENAME_EXCHANGE
        if renameAt2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0 { return true }
        if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { return false }
        throw failure("cannot exchange \(a) with", b)
    }

    /// Hard-links every file below `source` into the same place below `target` (folders are created),
    /// leaving files `target` already has.
    static func linkTree(from source: String, into target: String) throws {
        try makeFolders(target)
        for (name, isFolder) in try entries(source) {
            if isFolder {
                try linkTree(from: source + "/" + name, into: target + "/" + name)
            } else if link(source + "/" + name, target + "/" + name) != 0 && errno != EEXIST {
                throw failure("cannot link \(source + "/" + name) to", target + "/" + name)
            }
        }
    }

    /// Deletes a file or a folder and everything below it; a missing path is not an error.
    static func removeTree(_ path: String) throws {
        guard isFolder(path) else {
            if unlink(path) != 0 && errno != ENOENT { throw failure("cannot delete", path) }
            return
        }
        for (name, isFolder) in try entries(path) {
            if isFolder {
                try removeTree(path + "/" + name)
            } else if unlink(path + "/" + name) != 0 && errno != ENOENT {
                throw failure("cannot delete", path + "/" + name)
            }
        }
        if rmdir(path) != 0 && errno != ENOENT { throw failure("cannot delete folder", path) }
    }

    /// Removes `path` and its parents while they are empty, up to (not including) `root`.
    static func removeEmptyFolders(from path: String, stoppingAt root: String) {
        var current = path
        while current.count > root.count && current.hasPrefix(root) {
            if rmdir(current) != 0 { return }
            current = parent(of: current)
        }
    }

    /// The names in a folder, and whether each is a folder (symbolic links are not followed).
    static func entries(_ path: String) throws -> [(String, Bool)] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw failure("cannot list folder", path)
        }
        defer { closedir(directory) }
        var result: [(String, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            result.append((name, isFolder(path + "/" + name)))
        }
        return result
    }

    /// Makes a folder's entries (a rename into it) durable.
    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ what: String, _ path: String) -> LakeError {
        LakeError("\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
