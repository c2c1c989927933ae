import StrataExecution
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

@Suite struct LakeTableFinderTests {
    /// A lake shaped like the algae plant's and the e-commerce team's.
    func makeLake() throws -> (TemporaryDirectory, LocalObjectStore) {
        let folder = try TemporaryDirectory()
        let store = LocalObjectStore(root: folder.path)
        let files = [
            "silver/events/event_date=2024-01-01/part-0.parquet",
            "silver/events/event_date=2024-01-02/part-0.parquet",
            "silver/events/event_date=2024-01-02/_SUCCESS",
            "silver/flowcam/date=2024-01-01/tpu_id=01/reactor_id=01/flowcam_standardized.parquet",
            "silver/flowcam/date=2024-01-01/tpu_id=01/reactor_id=02/flowcam_standardized.parquet",
            "silver/flowcam/date=2024-01-01/tpu_id=02/notes/readme.parquet",
            "gold/marts/dim_tpu/part-0.parquet",
            "gold/marts/fact_flowcam_summary/date=2024-01-01/part-0.parquet",
            "bronze/scada/date=2024-01-01/citect/scada_citect.csv",
            "_strata/catalog/tables.json",
            "silver/events/_temporary/0/part-9.parquet",
            "Quarantine/Events/bad.parquet",
        ]
        for file in files { try store.write(file, bytes: [0]) }
        return (folder, store)
    }

    @Test func findsTablesByTheirFolders() throws {
        let (lake, store) = try makeLake()
        defer { withExtendedLifetime(lake) {} }
        let names = try LakeTableFinder(store: store).tables().map(\.name)
        #expect(names == [
            "Quarantine.Events", "bronze.scada", "gold.marts.dim_tpu", "gold.marts.fact_flowcam_summary", "silver.events",
            "silver.flowcam",
        ])
    }

    @Test func looksUpTablesByName() throws {
        let (lake, store) = try makeLake()
        defer { withExtendedLifetime(lake) {} }
        let finder = LakeTableFinder(store: store)
        #expect(try finder.table(named: ["silver", "events"])?.prefix == "silver/events/")
        #expect(try finder.table(named: ["quarantine", "events"])?.prefix == "Quarantine/Events/")
        #expect(try finder.table(named: ["gold", "marts"]) == nil)
        #expect(try finder.table(named: ["silver", "nothing"]) == nil)
    }

    @Test func listsFilesWithPartitionValues() throws {
        let (lake, store) = try makeLake()
        defer { withExtendedLifetime(lake) {} }
        let evaluator = ExpressionEvaluator(context: ExecutionContext(statementTimestamp: 0))
        let flowcam = try #require(try LakeTableFinder(store: store).table(named: ["silver", "flowcam"]))
        let layout = try PartitionLayout.discover(flowcam, in: store)
        #expect(layout.keys == ["date", "tpu_id", "reactor_id"])
        #expect(layout.types == [.date, .bigint, .bigint])
        let lister = PartitionLister(
            store: store, table: "silver.flowcam", prefix: flowcam.prefix, keys: layout.keys, types: layout.types,
            rootListing: layout.rootListing, format: .parquet)
        let listing = try lister.list(filter: nil, evaluator: evaluator)
        #expect(listing.files.map(\.partitionValues) == [["2024-01-01", "01", "01"], ["2024-01-01", "01", "02"]])
        #expect(listing.warnings.count == 1)
        #expect(listing.warnings[0].contains("tpu_id=02/notes"))

        let events = try #require(try LakeTableFinder(store: store).table(named: ["silver", "events"]))
        let eventLayout = try PartitionLayout.discover(events, in: store)
        let eventFiles = try PartitionLister(
            store: store, table: "silver.events", prefix: events.prefix, keys: eventLayout.keys, types: eventLayout.types,
            rootListing: eventLayout.rootListing, format: .parquet
        ).list(filter: nil, evaluator: evaluator)
        #expect(eventFiles.files.count == 2)
        #expect(eventFiles.warnings.isEmpty)
    }

    @Test func onAnObjectStoreAnUnfilteredListingIsOneListingOfTheTable() throws {
        let (lake, local) = try makeLake()
        defer { withExtendedLifetime(lake) {} }
        try local.write("silver/flowcam/date=2024-01-02/tpu_id=01/reactor_id=01/flowcam_standardized.parquet", bytes: [0])
        try local.write("silver/flowcam/date=2024-01-02/stray.parquet", bytes: [0])
        let remote = CountingRemoteStore(local)
        let evaluator = ExpressionEvaluator(context: ExecutionContext(statementTimestamp: 0))
        let flowcam = try #require(try LakeTableFinder(store: local).table(named: ["silver", "flowcam"]))
        let layout = try PartitionLayout.discover(flowcam, in: local)
        func lister(_ store: any ObjectStore) -> PartitionLister {
            PartitionLister(
                store: store, table: "silver.flowcam", prefix: flowcam.prefix, keys: layout.keys, types: layout.types,
                rootListing: layout.rootListing, format: .parquet)
        }
        let walked = try lister(local).list(filter: nil, evaluator: evaluator)
        let flat = try lister(remote).list(filter: nil, evaluator: evaluator)
        #expect(remote.listings == [["silver/flowcam/": "no delimiter"]])
        #expect(flat.files == walked.files)
        #expect(flat.files.count == 3)
        #expect(flat.warnings == walked.warnings)
        #expect(flat.warnings.count == 2, "the stray file above tpu_id= and the notes folder")
        #expect(flat.levels.map(\.listed) == walked.levels.map(\.listed))
    }
}

/// A local folder that calls itself an S3 bucket, recording the listings asked of it.
private final class CountingRemoteStore: ObjectStore, @unchecked Sendable {
    let base: LocalObjectStore
    private(set) var listings: [[String: String]] = []

    init(_ base: LocalObjectStore) { self.base = base }

    var rootDescription: String { "s3://counting" }
    var statistics: StorageStatistics { base.statistics }
    func location(of key: String) -> String { base.location(of: key) }
    func list(prefix: String, delimiter: String?) throws(StorageError) -> ObjectListing {
        listings.append([prefix: delimiter ?? "no delimiter"])
        return try base.list(prefix: prefix, delimiter: delimiter)
    }
    func head(_ key: String) throws(StorageError) -> ObjectInfo { try base.head(key) }
    func read(_ key: String, range: Range<Int>?) throws(StorageError) -> [UInt8] { try base.read(key, range: range) }
    func readSuffix(_ key: String, length: Int) throws(StorageError) -> (bytes: [UInt8], objectSize: Int) {
        try base.readSuffix(key, length: length)
    }
    func write(_ key: String, bytes: [UInt8]) throws(StorageError) { try base.write(key, bytes: bytes) }
    func makeWriter(_ key: String) throws(StorageError) -> any ObjectWriter { try base.makeWriter(key) }
    func copy(from source: String, to destination: String) throws(StorageError) { try base.copy(from: source, to: destination) }
    func delete(_ keys: [String]) throws(StorageError) { try base.delete(keys) }
}
