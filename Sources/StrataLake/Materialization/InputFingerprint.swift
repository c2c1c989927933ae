// What a model's input looked like when the model was last built: per partition folder of the table, a
// hash of its files' keys, sizes and version tags (S3 ETag, or size and mtime locally). Strata's own
// writes give every file a new name, and any other writer changes a tag, so an unchanged hash means an
// unchanged partition. Kept in the model's state (`ModelState`).

public struct InputFingerprint: Codable, Equatable, Sendable {
    /// Partition folder below the table (`k1=v1/k2=v2`, `""` unpartitioned) → hash of its files.
    public var partitions: [String: String]

    public init(partitions: [String: String]) {
        self.partitions = partitions
    }

    /// The fingerprint of a table whose files, listed now, are `files`.
    init(_ source: LakeTableSource, files: [DataFile]) {
        var lines: [String: [String]] = [:]
        for file in files {
            let folder = zip(source.partitionKeys, file.partitionValues).map { PartitionPath.segment(key: $0, value: $1) }
                .joined(separator: "/")
            lines[folder, default: []].append("\(file.key)\t\(file.size)\t\(file.etag ?? "")")
        }
        partitions = lines.mapValues { InputFingerprint.hash($0.sorted().joined(separator: "\n")) }
    }

    /// The folders added, removed or changed since `earlier`.
    func changedFolders(since earlier: InputFingerprint) -> Set<String> {
        var changed = Set<String>()
        for (folder, hash) in partitions where earlier.partitions[folder] != hash { changed.insert(folder) }
        for folder in earlier.partitions.keys where partitions[folder] == nil { changed.insert(folder) }
        return changed
    }

    /// FNV-1a, 64 bits, as hex: stable across runs and machines (Swift's `Hasher` is seeded per process).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
