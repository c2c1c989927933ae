// The commit protocol of every write (CTAS, INSERT, DROP, materialization, partitioned COPY):
//
// 1. begin: take the table's lease (`WriteLease`: waits while another writer holds it), finish or undo
//    what killed runs left (`recover`), then write the record (state `open`);
// 2. stage: the files are written below `_strata/staging/<id>/`, laid out as in the table; listing
//    ignores `_` folders, so readers never see them;
// 3. commit: rewrite the record with every unit to publish and every catalog object to write (state
//    `committed`). One atomic object write: the statement has happened from here on;
// 4. apply: publish unit after unit (each all at once, see the publishers), write the objects, mark the
//    record `applied`, remove markers and staging, delete the record.
//
// A run killed before 3 leaves staging that the next run deletes; killed after 3, the next run applies
// the record again, which is idempotent. Either way each partition is as before or complete.
import StrataStorage

#if canImport(Glibc)
import Glibc
#endif

public final class WriteTransaction {
    public let store: any ObjectStore
    public private(set) var record: TransactionRecord
    let publisher: any UnitPublisher
    /// The table's lease, given back when the statement is applied or rolled back.
    private let lease: WriteLease
    private var lastHeartbeat: Int64
    private var finished = false

    /// The folder of Strata's own state in a lake.
    public static let controlPrefix = "_strata/"

    public var id: String { record.id }
    public var stagingPrefix: String { record.stagingPrefix }

    /// Starts a statement writing below `targetPrefix` (a table folder, ending with `/`), once it holds the
    /// table's lease (at once when the caller already holds it).
    public static func begin(
        store: any ObjectStore, statement: String, targetPrefix: String, wait: LeaseWait,
        controlPrefix: String = WriteTransaction.controlPrefix
    ) throws -> WriteTransaction {
        let lease = try WriteLease.acquire(
            store: store, targetPrefixes: [targetPrefix], statement: statement, wait: wait, controlPrefix: controlPrefix)
        _ = try recover(store: store, controlPrefix: controlPrefix)
        let record = TransactionRecord(id: newID(), statement: statement, targetPrefix: targetPrefix, controlPrefix: controlPrefix)
        let transaction = WriteTransaction(store: store, record: record, lease: lease)
        try transaction.save()
        return transaction
    }

    private init(store: any ObjectStore, record: TransactionRecord, lease: WriteLease) {
        self.store = store
        self.record = record
        self.lease = lease
        publisher = WriteTransaction.publisher(for: store)
        lastHeartbeat = record.heartbeat
    }

    deinit {
        if !finished { rollback() }
    }

    static func publisher(for store: any ObjectStore) -> any UnitPublisher {
        if let local = store as? LocalObjectStore { return LocalFolderPublisher(store: local) }
        return ObjectCopyPublisher(store: store)
    }

    static func newID() -> String {
        let now = ProcessIdentity.nowMilliseconds()
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return String(now, radix: 10) + "-" + String(ProcessIdentity.current.pid) + "-" + random
    }

    private var recordKey: String { WriteTransaction.recordKey(record.controlPrefix, record.id) }

    private static func recordKey(_ controlPrefix: String, _ id: String) -> String {
        controlPrefix + "transactions/" + id + ".json"
    }

    private func save() throws {
        try store.write(recordKey, bytes: try LakeJSON.encode(record))
    }

    /// Shows other runs that this statement is alive; cheap to call often (writes at most once a minute).
    public func heartbeat() throws {
        let now = ProcessIdentity.nowMilliseconds()
        guard now - lastHeartbeat >= 60_000 else { return }
        record.heartbeat = now
        lastHeartbeat = now
        try save()
    }

    /// The commit point, then publication. `units` are the folders to publish; `objects` small files
    /// (catalog entries, state) written once the data is in place.
    public func commit(units: [TransactionRecord.Unit], objects: [TransactionRecord.ObjectChange]) throws {
        var units = units
        // A table that does not exist yet appears whole, in one rename, rather than partition by partition.
        if !units.isEmpty, !units.contains(where: { $0.path.isEmpty || $0.remove }),
            try !publisher.exists(record.targetPrefix)
        {
            units = [TransactionRecord.Unit(path: "", replace: true, files: units.flatMap { unit in unit.files.map { unit.path + "/" + $0 } })]
        }
        do {
            for unit in units { try publisher.prepare(unit, record: record) }
            record.units = units
            record.objects = objects
            record.state = .committed
            record.heartbeat = ProcessIdentity.nowMilliseconds()
            try save()
        } catch {
            rollback()
            throw error
        }
        finished = true
        defer { lease.release() }
        try WriteTransaction.apply(record, store: store, publisher: publisher)
    }

    /// Abandons the statement: its staging and its record are deleted. Never throws; what it cannot
    /// delete the next run does.
    public func rollback() {
        guard !finished else { return }
        finished = true
        try? publisher.deleteTree(record.stagingPrefix)
        try? store.delete([recordKey])
        lease.release()
    }

    /// Publishes a committed record's units, writes its objects, and cleans up.
    static func apply(_ committed: TransactionRecord, store: any ObjectStore, publisher: any UnitPublisher) throws {
        var record = committed
        if record.state == .committed {
            for (index, unit) in record.units.enumerated() {
                if index > 0, let pause = publishPause { usleep(pause) }
                if unit.remove {
                    try publisher.remove(unit, record: record)
                } else {
                    try publisher.publish(unit, record: record)
                }
            }
            for object in record.objects {
                if let content = object.content {
                    try store.write(object.key, bytes: Array(content.utf8))
                } else {
                    try store.delete([object.key])
                }
            }
            record.state = .applied
            try store.write(recordKey(record.controlPrefix, record.id), bytes: try LakeJSON.encode(record))
        }
        for unit in record.units { try publisher.finish(unit, record: record) }
        try publisher.deleteTree(record.stagingPrefix)
        try publisher.deleteTree(record.controlPrefix + "trash/" + record.id + "/")
        try store.delete([recordKey(record.controlPrefix, record.id)])
    }

    /// Microseconds to wait between units, from `STRATA_TEST_PUBLISH_PAUSE_MS`: lets crash tests kill a
    /// statement in the middle of publishing, which otherwise takes a few milliseconds.
    static let publishPause: UInt32? = getenv("STRATA_TEST_PUBLISH_PAUSE_MS").flatMap { UInt32(String(cString: $0)) }.map { $0 * 1000 }

    /// Every transaction record below `controlPrefix`.
    static func records(store: any ObjectStore, controlPrefix: String) throws -> [TransactionRecord] {
        let listing = try store.list(prefix: controlPrefix + "transactions/", delimiter: "/")
        var records: [TransactionRecord] = []
        for object in listing.objects where object.key.hasSuffix(".json") && !object.name.hasPrefix(".") {
            guard let bytes = try readIfPresent(store, object.key) else { continue }  // finished meanwhile
            let record = try LakeJSON.decode(TransactionRecord.self, from: bytes, location: store.location(of: object.key))
            try record.checkKeys(location: store.location(of: object.key))
            records.append(record)
        }
        return records
    }

    static func readIfPresent(_ store: any ObjectStore, _ key: String) throws(StorageError) -> [UInt8]? {
        do {
            return try store.read(key, range: nil)
        } catch {
            if error.code == .notFound { return nil }
            throw error
        }
    }

    /// Finishes what killed statements left: committed records are applied, open ones rolled back, and
    /// staging or trash without a record deleted. Statements still running are left alone. Returns what
    /// was done, one line each.
    @discardableResult
    public static func recover(store: any ObjectStore, controlPrefix: String = WriteTransaction.controlPrefix) throws -> [String] {
        let top = try store.list(prefix: controlPrefix, delimiter: "/")
        guard !top.commonPrefixes.isEmpty else { return [] }
        let publisher = publisher(for: store)
        // Staging is listed before the records: a statement writes its record before it stages, so
        // staging seen here without a record below belongs to no statement.
        var leftovers: [String] = []
        for folder in ["staging/", "trash/"] {
            leftovers += try store.list(prefix: controlPrefix + folder, delimiter: "/").commonPrefixes
        }
        let now = ProcessIdentity.nowMilliseconds()
        var done: [String] = []
        var live = Set<String>()
        for record in try records(store: store, controlPrefix: controlPrefix) {
            if record.owner.isAlive(heartbeat: record.heartbeat, now: now) {
                live.insert(record.id)
                continue
            }
            switch record.state {
            case .open:
                try publisher.deleteTree(record.stagingPrefix)
                try store.delete([recordKey(controlPrefix, record.id)])
                done.append("rolled back an unfinished \(record.statement) (transaction \(record.id))")
            case .committed, .applied:
                try apply(record, store: store, publisher: publisher)
                done.append("completed an interrupted \(record.statement) (transaction \(record.id))")
            }
        }
        for child in leftovers where !live.contains(String(LakeTableFinder.lastComponent(of: child))) {
            try publisher.deleteTree(child)
        }
        // A local write killed before its rename leaves its private file (a record, a catalog entry, model
        // state); S3 uploads leave nothing visible. Staging and trash went whole above.
        if let local = store as? LocalObjectStore {
            for folder in top.commonPrefixes where !folder.hasSuffix("staging/") && !folder.hasSuffix("trash/") {
                try local.deleteAbandonedWrites(below: folder)
            }
        }
        return done
    }
}
