import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

/// The commit protocol: what a killed statement leaves is rolled back (before the commit point) or
/// finished (after it) by the next one; live statements are left alone and keep others off their folders (WriteLeaseTests).
@Suite struct WriteTransactionTests {
    /// A process that is certainly gone: this host, a pid that does not exist.
    static let deadOwner = ProcessIdentity(host: ProcessIdentity.current.host, pid: 999_999_999, startTicks: 1)

    /// Stages `files` (path → content) the way a statement does and returns its record.
    func stage(_ store: LocalObjectStore, id: String, target: String, files: [String: String]) throws -> TransactionRecord {
        var record = TransactionRecord(id: id, statement: "TEST", targetPrefix: target, controlPrefix: "_strata/")
        record.owner = Self.deadOwner
        for (path, content) in files { try store.write(record.stagingPrefix + path, bytes: Array(content.utf8)) }
        return record
    }

    func save(_ record: TransactionRecord, _ store: LocalObjectStore) throws {
        try store.write("_strata/transactions/\(record.id).json", bytes: try LakeJSON.encode(record))
    }

    @Test func temporaryFilesOfKilledWritesAreDeleted() throws {
        // A kill between creating a record's private file and renaming it into place leaves the file.
        let lake = try WriteTestLake()
        let store = lake.store
        let dead = "_strata/transactions/.1-1-a.json.strata-tmp-999999999-7"
        let mine = "_strata/materialize/.gold.x.json.strata-tmp-\(getpid())-8"
        try store.write(dead, bytes: [1])
        try store.write("_strata/catalog/.t.json.strata-tmp-999999999-9", bytes: [1])
        try store.write(mine, bytes: [1])
        try WriteTransaction.recover(store: store)
        let left = try store.list(prefix: "_strata/", delimiter: nil).objects.map(\.key)
        #expect(left == [mine])
    }

    @Test func anOpenRecordOfADeadWriterIsRolledBack() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        try store.write("t/k=1/old.parquet", bytes: [1])
        let record = try stage(store, id: "1-1-a", target: "t/", files: ["k=1/new.parquet": "x"])
        try save(record, store)
        let done = try WriteTransaction.recover(store: store)
        #expect(done.count == 1)
        #expect(try lake.files() == ["t/k=1/old.parquet"])
    }

    @Test func aCommittedRecordOfADeadWriterIsFinished() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        try store.write("t/k=1/old.parquet", bytes: [1])
        try store.write("t/k=2/old.parquet", bytes: [2])
        try store.write("t/k=3/old.parquet", bytes: [3])
        var record = try stage(store, id: "1-1-b", target: "t/", files: ["k=1/new.parquet": "x", "k=2/new.parquet": "y", "k=4/new.parquet": "z"])
        record.units = [
            .init(path: "k=1", replace: true, files: ["new.parquet"]), .init(path: "k=2", replace: false, files: ["new.parquet"]),
            .init(path: "k=3", replace: true, files: [], remove: true), .init(path: "k=4", replace: true, files: ["new.parquet"]),
        ]
        record.objects = [.init(key: "_strata/catalog/t.json", content: "{}")]
        record.state = .committed
        let publisher = LocalFolderPublisher(store: store)
        for unit in record.units { try publisher.prepare(unit, record: record) }
        // Killed after publishing the first unit.
        try publisher.publish(record.units[0], record: record)
        try save(record, store)
        try WriteTransaction.recover(store: store)
        #expect(try lake.files() == [
            "_strata/catalog/t.json", "t/k=1/new.parquet", "t/k=2/new.parquet", "t/k=2/old.parquet", "t/k=4/new.parquet",
        ])
        #expect(try store.read("t/k=1/new.parquet", range: nil) == Array("x".utf8))
    }

    @Test func liveStatementsAreLeftAloneAndKeepOthersOut() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        let first = try WriteTransaction.begin(store: store, statement: "FIRST", targetPrefix: "gold/a/", wait: LeaseWait())
        try store.write(first.stagingPrefix + "f.parquet", bytes: [1])
        // Another writer (here another thread) waits for the lease, then gives up.
        let brief = LeaseWait(timeout: .milliseconds(300))
        for target in ["gold/a/", "gold/"] {
            let error = WriteLeaseTests.onAnotherThread {
                try WriteTransaction.begin(store: store, statement: "SECOND", targetPrefix: target, wait: brief).rollback()
            }
            #expect((error as? LakeError)?.message.contains("gave up after waiting 300ms for FIRST") == true, "\(String(describing: error))")
        }
        #expect(WriteLeaseTests.onAnotherThread {
            try WriteTransaction.begin(store: store, statement: "OTHER", targetPrefix: "gold/b/", wait: brief).rollback()
        } == nil)
        #expect(try store.exists(first.stagingPrefix + "f.parquet"))
        try first.commit(units: [.init(path: "", replace: true, files: ["f.parquet"])], objects: [])
        #expect(try lake.files() == ["gold/a/f.parquet"])
    }

    @Test func aRecordNamingKeysOutsideTheLakeIsRefusedNotApplied() throws {
        let folder = try TemporaryDirectory()
        let lake = folder.file("lake")
        let store = LocalObjectStore(root: lake)
        try LocalObjectStore(root: folder.path).write("precious/data.parquet", bytes: [7])
        // An edited record: publishing it would delete a folder beside the lake.
        var record = try stage(store, id: "5-5-e", target: "../precious/", files: [:])
        record.state = .committed
        record.units = [.init(path: "", replace: true, files: [], remove: true)]
        try save(record, store)
        do {
            try WriteTransaction.recover(store: store)
            Issue.record("recovery applied a record outside the lake")
        } catch let error as LakeError {
            #expect(error.message.contains("names the key '../precious/', which is outside the lake"), "\(error.message)")
        }
        #expect(try LocalObjectStore(root: folder.path).read("precious/data.parquet", range: nil) == [7])
        #expect(try store.exists("_strata/transactions/5-5-e.json"))
    }

    @Test func stagingWithoutARecordIsDeleted() throws {
        let lake = try WriteTestLake()
        try lake.store.write("_strata/staging/9-9-x/k=1/f.parquet", bytes: [1])
        try lake.store.write("_strata/trash/9-9-x/0/f.parquet", bytes: [1])
        try WriteTransaction.recover(store: lake.store)
        #expect(try lake.files().isEmpty)
    }

    @Test func appendingSwapsInAFolderWithTheOldAndNewFiles() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        try store.write("t/k=1/a.parquet", bytes: [1])
        try store.write("t/k=1/sub/b.parquet", bytes: [2])
        let transaction = try WriteTransaction.begin(store: store, statement: "INSERT", targetPrefix: "t/", wait: LeaseWait())
        try store.write(transaction.stagingPrefix + "k=1/c.parquet", bytes: [3])
        try transaction.commit(units: [.init(path: "k=1", replace: false, files: ["c.parquet"])], objects: [])
        #expect(try lake.files() == ["t/k=1/a.parquet", "t/k=1/c.parquet", "t/k=1/sub/b.parquet"])
    }
}
