// Lists a partitioned table for one scan, level by level, guided by the scan's partition conjuncts: each
// level's folders are listed (one concurrent batch of listings per level on S3), their values tested, and
// only the survivors' folders listed next, so pruned folders are never listed and their files never seen.
// Folders that are not `key=value` with the level's key are skipped with a warning; hidden and `_` folders
// silently. A value that does not parse as its key's type is an error naming the folder. On an object
// store, a scan whose filter cannot prune a folder lists the whole table folder at once instead (a thousand
// keys a request rather than a request a folder) and walks the same levels over that listing.
import StrataCore
import StrataExecution
import StrataStorage

struct PartitionLister {
    let store: any ObjectStore
    /// The table's dotted name, for messages.
    let table: String
    /// The table folder's key prefix, ending with `/`.
    let prefix: String
    let keys: [String]
    let types: [DataType]
    /// The table folder's listing, when loading the table made it already.
    let rootListing: ObjectListing?
    /// The format every data file of the table has.
    let format: DataFileFormat

    /// The files of the folders whose partition values pass `filter` (all of them without one).
    func list(filter: PartitionFilter?, evaluator: ExpressionEvaluator) throws -> PartitionListing {
        var candidates: [(prefix: String, raw: [String?], values: [Value])] = [(prefix, [], [])]
        var levels: [PartitionListing.Level] = []
        var warnings: [String] = []
        var requests = 0
        var tree: FolderTree?
        if filter == nil, store.isRemote, !keys.isEmpty {
            let everything = try store.list(prefix: prefix, delimiter: nil)
            requests += max(1, (everything.objects.count + 999) / 1000)
            tree = FolderTree(everything.objects, below: prefix)
        }
        for (level, key) in keys.enumerated() {
            let listings = try listings(of: candidates.map(\.prefix), level: level, tree: tree, requests: &requests)
            var next: [(prefix: String, raw: [String?], values: [Value])] = []
            for (candidate, listing) in zip(candidates, listings) {
                if listing.objects.contains(where: { DataFileFormat.of(fileName: $0.name) != nil }) {
                    warnings.append(
                        "\(store.location(of: candidate.prefix)): data files above the \(key)= folders are not part of table \(table)")
                }
                for child in listing.commonPrefixes {
                    let name = LakeTableFinder.lastComponent(of: child)
                    if DataFileFormat.isIgnoredFolder(name) { continue }
                    guard let segment = PartitionSegment(folderName: name), segment.key.lowercased() == key.lowercased() else {
                        warnings.append(
                            "\(store.location(of: child)): not a \(key)=value folder; its files are not part of table \(table)")
                        continue
                    }
                    guard let value = PartitionValueType.value(segment.value, as: types[level]) else {
                        throw LakeError(
                            "\(store.location(of: child)): partition value '\(segment.value ?? "")' of \(key) is not a \(types[level].sqlName), the type inferred from the table's other \(key) folders; quote such values consistently or declare the table with DDL")
                    }
                    next.append((child, candidate.raw + [segment.value], candidate.values + [value]))
                }
            }
            let kept = try filter?.select(next.map(\.values), known: level + 1, from: level, evaluator: evaluator)
                ?? Array(next.indices)
            levels.append(PartitionListing.Level(key: key, listed: next.count, kept: kept.count))
            candidates = kept.map { next[$0] }
        }
        var files: [DataFile] = []
        var values: [[Value]] = []
        var filesListed = 0
        let leaves = try listings(of: candidates.map(\.prefix), level: keys.count, tree: tree, requests: &requests)
        for (candidate, listing) in zip(candidates, leaves) {
            for object in listing.objects {
                guard let fileFormat = DataFileFormat.of(fileName: object.name) else { continue }
                filesListed += 1
                guard fileFormat == format else {
                    throw LakeError(
                        "table \(table) mixes \(format.rawValue) and \(fileFormat.rawValue) files (\(store.location(of: object.key))); a table holds one format")
                }
                files.append(
                    DataFile(key: object.key, size: object.size, format: fileFormat, partitionValues: candidate.raw, etag: object.etag))
                values.append(candidate.values)
            }
            for child in listing.commonPrefixes where !DataFileFormat.isIgnoredFolder(LakeTableFinder.lastComponent(of: child)) {
                warnings.append(
                    keys.isEmpty
                        ? "\(store.location(of: child)): not a key=value folder; its files are not part of table \(table)"
                        : "\(store.location(of: child)): below the table's last partition key \(keys.last!); its files are not part of table \(table)")
            }
        }
        return PartitionListing(
            files: files, values: values, filesListed: filesListed, levels: levels, warnings: warnings, requests: requests)
    }

    /// The listings of `prefixes`: from `tree` when the whole table folder was listed, else using the
    /// table folder's listing made when the table was loaded.
    private func listings(of prefixes: [String], level: Int, tree: FolderTree?, requests: inout Int) throws -> [ObjectListing] {
        if let tree { return prefixes.map { tree.listing(of: $0) } }
        if level == 0, prefixes == [prefix], let rootListing { return [rootListing] }
        guard !prefixes.isEmpty else { return [] }
        requests += prefixes.count
        return try store.list(prefixes: prefixes, delimiter: "/")
    }
}

/// The folders below a prefix as a listing with `/` as delimiter would show them, rebuilt from one
/// listing of every object below it. Keys are split at `/` bytes, as the store splits them (a `/`
/// followed by a combining mark is no Character `/`).
struct FolderTree {
    private var folders: [String: ObjectListing] = [:]

    init(_ objects: [ObjectInfo], below prefix: String) {
        let slash = UInt8(ascii: "/")
        var subfolders: [String: Set<String>] = [:]
        for object in objects where object.key.utf8.starts(with: prefix.utf8) {
            let key = object.key.utf8
            let folder = key.lastIndex(of: slash).map { String(decoding: key[...$0], as: UTF8.self) } ?? ""
            folders[folder, default: ObjectListing()].objects.append(object)
            // Each folder between the prefix and the object's own is a common prefix of its parent.
            var child = folder
            while child.utf8.count > prefix.utf8.count {
                let parentEnd = child.utf8.dropLast().lastIndex(of: slash)
                let parent = parentEnd.map { String(decoding: child.utf8[...$0], as: UTF8.self) } ?? ""
                guard subfolders[parent, default: []].insert(child).inserted else { break }
                child = parent
            }
        }
        for (parent, children) in subfolders {
            folders[parent, default: ObjectListing()].commonPrefixes = children.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }

    func listing(of folder: String) -> ObjectListing { folders[folder] ?? ObjectListing() }
}
