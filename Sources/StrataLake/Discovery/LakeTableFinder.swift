// Finding tables in a lake, as the design contract defines them: a folder whose children are data files
// or `key=value` folders is a table, named by its path below the root with `/` as `.`
// (`silver/events` → `silver.events`). Folders above tables are walked; tables are not descended into.
import StrataStorage

public struct LakeTableLocation: Hashable, Sendable {
    /// Dotted name: `silver.events`.
    public var name: String
    /// Key prefix of the table's folder, ending with `/`.
    public var prefix: String

    public init(name: String, prefix: String) {
        self.name = name
        self.prefix = prefix
    }
}

public struct LakeTableFinder {
    public let store: any ObjectStore

    public init(store: any ObjectStore) {
        self.store = store
    }

    /// Every table below `prefix` (the whole lake by default), sorted by name.
    public func tables(under prefix: String = "") throws(StorageError) -> [LakeTableLocation] {
        var found: [LakeTableLocation] = []
        var pending = [prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"]
        while let folder = pending.popLast() {
            let listing = try store.list(prefix: folder, delimiter: "/")
            if !folder.isEmpty, LakeTableFinder.looksLikeTable(listing, folder: folder) {
                found.append(LakeTableLocation(name: LakeTableFinder.name(ofPrefix: folder), prefix: folder))
                continue
            }
            for child in listing.commonPrefixes {
                let name = LakeTableFinder.lastComponent(of: child)
                if !DataFileFormat.isIgnoredFolder(name) { pending.append(child) }
            }
        }
        return found.sorted { $0.name < $1.name }
    }

    /// The table named by `parts` (`["silver", "events"]`), matching folder names exactly first and then
    /// case-insensitively, as SQL identifiers are; nil when there is no such table folder.
    public func table(named parts: [String]) throws(StorageError) -> LakeTableLocation? {
        guard !parts.isEmpty else { return nil }
        var prefix = ""
        for part in parts {
            let exact = prefix + part + "/"
            let siblings = try store.list(prefix: prefix, delimiter: "/").commonPrefixes
            if siblings.contains(exact) {
                prefix = exact
            } else if let match = siblings.first(where: { $0.lowercased() == exact.lowercased() }) {
                prefix = match
            } else {
                return nil
            }
        }
        let listing = try store.list(prefix: prefix, delimiter: "/")
        guard LakeTableFinder.looksLikeTable(listing, folder: prefix) else { return nil }
        return LakeTableLocation(name: LakeTableFinder.name(ofPrefix: prefix), prefix: prefix)
    }

    /// Whether a folder's listing makes it a table: data files, or `key=value` folders, directly inside.
    static func looksLikeTable(_ listing: ObjectListing, folder: String) -> Bool {
        if listing.objects.contains(where: { DataFileFormat.of(fileName: $0.name) != nil }) { return true }
        return listing.commonPrefixes.contains { child in
            let name = lastComponent(of: child)
            return !DataFileFormat.isIgnoredFolder(name) && PartitionSegment(folderName: name) != nil
        }
    }

    static func name(ofPrefix prefix: String) -> String {
        ObjectKey.segments(prefix).joined(separator: ".")
    }

    /// `c` of `a/b/c/`.
    static func lastComponent(of prefix: String) -> Substring {
        let trimmed = prefix.hasSuffix("/") ? prefix.dropLast() : prefix[...]
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return trimmed[trimmed.index(after: slash)...]
    }
}
