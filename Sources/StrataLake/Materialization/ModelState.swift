// What the lake remembers of a model's last successful build, in `_strata/materialize/<model>.json`: the
// hash of its statement (a changed statement rebuilds the whole table) and the fingerprints of the tables
// it read. The state is written by the same transaction that publishes the model's data, so the two never
// disagree, whenever a run is killed.
import StrataStorage

public struct ModelState: Codable, Equatable, Sendable {
    public var model: String
    public var statementHash: String
    /// Hash of the checks the data passed; nil in states written before checks were recorded.
    public var checksHash: String?
    /// Lowercased table name → its fingerprint when the model was built.
    public var inputs: [String: InputFingerprint]
    /// Milliseconds since the epoch.
    public var builtAt: Int64

    public static let folder = WriteTransaction.controlPrefix + "materialize/"

    public static func key(for model: String) -> String {
        folder + PartitionPath.escape(model.lowercased()) + ".json"
    }

    /// The state of `model`, or nil if it was never built (or its state is unreadable, which rebuilds it).
    static func load(_ model: String, store: any ObjectStore) throws -> ModelState? {
        let key = key(for: model)
        guard let bytes = try WriteTransaction.readIfPresent(store, key) else { return nil }
        return try? LakeJSON.decode(ModelState.self, from: bytes, location: store.location(of: key))
    }
}
