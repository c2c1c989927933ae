// A table's partition keys and their types, learned when the table is loaded without listing the whole
// table: the first level's folders are listed in full (every sibling, so its type sees every value), and
// below it one branch from each end — the first and the last folder — down to the data files. Deeper
// keys are named by the first branch and typed from the values both branches list; a value found later
// that does not parse as its key's type is an error naming the folder (see `PartitionLister`). The first
// and last data files found are the samples whose footers give the table's columns.
import StrataCore
import StrataStorage

struct PartitionLayout {
    var keys: [String] = []
    var types: [DataType] = []
    /// The table folder's own listing.
    var rootListing: ObjectListing
    /// The first and the last data file found (one when they are the same).
    var samples: [DataFile] = []

    /// How many siblings to try, from each end, when a branch is empty.
    static let branchAttempts = 8

    /// `rootListing` is the table folder's listing when it was made already.
    static func discover(_ table: LakeTableLocation, in store: any ObjectStore, rootListing: ObjectListing? = nil) throws -> PartitionLayout {
        let root = try rootListing ?? store.list(prefix: table.prefix, delimiter: "/")
        var layout = PartitionLayout(rootListing: root)
        let partitionFolders = folders(of: root)
        guard let firstKey = partitionFolders.first?.segment.key else {
            // Not partitioned: the files directly inside are the table.
            let files = dataFiles(root, values: [])
            layout.samples = files.count > 1 ? [files[0], files[files.count - 1]] : files
            return layout
        }
        let level0 = partitionFolders.filter { $0.segment.key.lowercased() == firstKey.lowercased() }
        layout.keys = [firstKey]
        layout.types = [PartitionValueType.infer(level0.map(\.segment.value))]
        var front = try descend(level0, fromEnd: false, store: store)
        var back = try descend(level0, fromEnd: true, store: store, unless: front)
        while let (_, frontListing, frontValues) = front {
            let children = folders(of: frontListing)
            guard let key = children.first?.segment.key else {
                // The first branch reached its data files.
                let frontFiles = dataFiles(frontListing, values: frontValues)
                let backFiles = back.map { dataFiles($0.listing, values: $0.values) } ?? []
                var samples: [DataFile] = []
                if let first = frontFiles.first { samples.append(first) }
                if let last = backFiles.last ?? frontFiles.last, last.key != samples.first?.key { samples.append(last) }
                layout.samples = samples
                return layout
            }
            let matching = children.filter { $0.segment.key.lowercased() == key.lowercased() }
            let backMatching = back.map { folders(of: $0.listing).filter { $0.segment.key.lowercased() == key.lowercased() } } ?? []
            layout.keys.append(key)
            layout.types.append(PartitionValueType.infer((matching + backMatching).map(\.segment.value)))
            front = try descend(matching, fromEnd: false, store: store, values: frontValues)
            back = backMatching.isEmpty ? nil : try descend(backMatching, fromEnd: true, store: store, values: back!.values, unless: front)
        }
        return layout
    }

    /// The `key=value` folders of a listing, in key order.
    private static func folders(of listing: ObjectListing) -> [(prefix: String, segment: PartitionSegment)] {
        listing.commonPrefixes.compactMap { child in
            let name = LakeTableFinder.lastComponent(of: child)
            guard !DataFileFormat.isIgnoredFolder(name), let segment = PartitionSegment(folderName: name) else { return nil }
            return (child, segment)
        }
    }

    /// The listing of the first folder (or the last) that is not empty, trying a few; `known` is a
    /// listing already made (the other branch), reused when it is the same folder.
    private static func descend(
        _ candidates: [(prefix: String, segment: PartitionSegment)], fromEnd: Bool, store: any ObjectStore, values: [String?] = [],
        unless known: (prefix: String, listing: ObjectListing, values: [String?])? = nil
    ) throws -> (prefix: String, listing: ObjectListing, values: [String?])? {
        let ordered = fromEnd ? Array(candidates.reversed()) : candidates
        for candidate in ordered.prefix(branchAttempts) {
            if let known, known.prefix == candidate.prefix { return known }
            let listing = try store.list(prefix: candidate.prefix, delimiter: "/")
            if !folders(of: listing).isEmpty || listing.objects.contains(where: { DataFileFormat.of(fileName: $0.name) != nil }) {
                return (candidate.prefix, listing, values + [candidate.segment.value])
            }
        }
        return nil
    }

    private static func dataFiles(_ listing: ObjectListing, values: [String?]) -> [DataFile] {
        listing.objects.compactMap { object in
            DataFileFormat.of(fileName: object.name).map {
                DataFile(key: object.key, size: object.size, format: $0, partitionValues: values, etag: object.etag)
            }
        }
    }
}
