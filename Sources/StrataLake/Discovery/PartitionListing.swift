// What listing a table for one scan found: the data files that survived partition pruning, their typed
// partition values, and how many folders each level listed and kept (the partition part of the funnel).
import StrataCore

public struct PartitionListing: Sendable {
    /// Folders listed and kept at one partition level.
    public struct Level: Sendable, Hashable {
        public var key: String
        public var listed: Int
        public var kept: Int
    }

    /// The surviving data files, in key order.
    public var files: [DataFile]
    /// Each surviving file's partition values, typed as the table's partition columns.
    public var values: [[Value]]
    /// Data files seen in the listings (files of pruned folders are never seen).
    public var filesListed: Int
    /// One entry per partition key, outermost first.
    public var levels: [Level]
    /// Paths skipped and why.
    public var warnings: [String]
    /// Listing requests made (the table folder's own listing, made when the table was loaded, not counted).
    public var requests: Int

    public init(files: [DataFile], values: [[Value]], filesListed: Int, levels: [Level], warnings: [String], requests: Int = 0) {
        self.files = files
        self.values = values
        self.filesListed = filesListed
        self.levels = levels
        self.warnings = warnings
        self.requests = requests
    }

    /// Leaf partitions listed and kept (0 for an unpartitioned table).
    public var partitionsListed: Int { levels.last?.listed ?? 0 }
    public var partitionsKept: Int { levels.last?.kept ?? 0 }

    /// Bytes of the surviving files.
    public var bytes: Int { files.reduce(0) { $0 + $1.size } }
}
