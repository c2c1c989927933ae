// The record of one writing statement, kept as `_strata/transactions/<id>.json` while it runs. Written
// before anything is staged (state `open`), rewritten as the commit point once every file is staged
// (`committed`), and again when every unit is published (`applied`); deleted last. A later run reads it to
// finish or undo a statement that was killed: `open` is rolled back (its staging deleted), `committed`
// and `applied` are rolled forward — publishing is idempotent, so applying a unit twice is harmless.
import StrataStorage

public struct TransactionRecord: Codable, Sendable {
    public enum State: String, Codable, Sendable {
        case open, committed, applied
    }

    /// One folder made visible at once: a partition (`k1=v1/k2=v2`) or the whole table (`""`).
    public struct Unit: Codable, Hashable, Sendable {
        /// Path below the table folder (and below the staging folder); empty for the table itself.
        public var path: String
        /// True: the unit replaces what was there. False: its files are added to what is there.
        public var replace: Bool
        /// The new files, relative to the unit's folder.
        public var files: [String]
        /// Delete the unit's folder and publish nothing (DROP TABLE, ALTER TABLE DROP PARTITION).
        public var remove: Bool

        public init(path: String, replace: Bool, files: [String], remove: Bool = false) {
            self.path = path
            self.replace = replace
            self.files = files
            self.remove = remove
        }
    }

    /// A small object written (or deleted) with the data: a catalog entry, a model's incremental state.
    public struct ObjectChange: Codable, Hashable, Sendable {
        public var key: String
        /// The object's text; nil deletes it.
        public var content: String?

        public init(key: String, content: String?) {
            self.key = key
            self.content = content
        }
    }

    public var id: String
    public var state: State
    public var owner: ProcessIdentity
    /// Milliseconds since the epoch when the owner last showed it was alive.
    public var heartbeat: Int64
    /// What is being written, for messages: `CREATE TABLE gold.daily`.
    public var statement: String
    /// Key prefix of the target folder (a table's folder), ending with `/`.
    public var targetPrefix: String
    /// Key prefix of the folder holding transactions, staging and trash (`_strata/`), never touched by
    /// publishing.
    public var controlPrefix: String
    /// Key prefix of the staging folder, ending with `/`.
    public var stagingPrefix: String
    public var units: [Unit]
    public var objects: [ObjectChange]

    public init(id: String, statement: String, targetPrefix: String, controlPrefix: String) {
        self.id = id
        state = .open
        owner = .current
        heartbeat = ProcessIdentity.nowMilliseconds()
        self.statement = statement
        self.targetPrefix = targetPrefix
        self.controlPrefix = controlPrefix
        stagingPrefix = controlPrefix + "staging/" + id + "/"
        units = []
        objects = []
    }

    /// Refuses a record read back from the lake that names a key outside it (or a staging folder not its
    /// own): recovery would publish, move or delete there. Strata never writes such a record; an edited or
    /// damaged one is left for a person to look at.
    func checkKeys(location: String) throws {
        var keys = [targetPrefix, controlPrefix, stagingPrefix] + objects.map(\.key)
        for unit in units { keys += [unit.path] + unit.files.map { unit.path.isEmpty ? $0 : unit.path + "/" + $0 } }
        let outside = keys.first { !ObjectKey.isContained($0) }
        guard outside == nil, !id.contains("/"), stagingPrefix == controlPrefix + "staging/" + id + "/" else {
            throw LakeError(
                "the transaction record \(location) names \(outside.map { "the key '\($0)', which is outside the lake" } ?? "a staging folder not its own"); it was left as it is: look at it, then delete it")
        }
    }

    /// The hidden file a local publication leaves in a unit's folder, so re-applying can tell it is done.
    public var markerName: String { ".strata-commit-" + id }
}
