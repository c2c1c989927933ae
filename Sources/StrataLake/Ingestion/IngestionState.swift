// What the lake remembers of an ingestion model's last successful build, in `_strata/ingest/<model>.json`:
// the hash of its definition (statement, directives, checks) and of its bronze files' keys, sizes and
// version tags. Written by the transaction that publishes the silver table, so re-running on the same
// bronze input finds both unchanged and writes nothing.
import StrataStorage

struct IngestionState: Codable, Equatable, Sendable {
    var model: String
    var definitionHash: String
    var sourceHash: String
    /// Milliseconds since the epoch.
    var builtAt: Int64

    static let folder = WriteTransaction.controlPrefix + "ingest/"

    static func key(for model: String) -> String {
        folder + PartitionPath.escape(model.lowercased()) + ".json"
    }

    /// The state of `model`, or nil if it was never built (an unreadable state rebuilds it).
    static func load(_ model: String, store: any ObjectStore) throws -> IngestionState? {
        let key = key(for: model)
        guard let bytes = try WriteTransaction.readIfPresent(store, key) else { return nil }
        return try? LakeJSON.decode(IngestionState.self, from: bytes, location: store.location(of: key))
    }

    /// The hash of a source's files, listed now.
    static func sourceHash(_ files: [DataFile]) -> String {
        InputFingerprint.hash(files.map { "\($0.key)\t\($0.size)\t\($0.etag ?? "")" }.sorted().joined(separator: "\n"))
    }
}
