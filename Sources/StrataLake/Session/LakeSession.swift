// A session on a lake: runs statements one after another, as the CLI, the REPL and scripts do. A query is
// bound against the lake's catalog, optimized, planned into operators and handed back as a stream of
// rows; its statistics are the storage traffic and scan funnel of exactly that statement.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL
import StrataStorage

#if canImport(Glibc)
import Glibc
#endif

public final class LakeSession {
    public let location: StorageLocation
    public let store: any ObjectStore
    public let catalog: LakeCatalog
    public var settings = SessionSettings()
    /// Where the session says what a statement is waiting for (another writer's lease); the CLI prints it.
    public var notice: @Sendable (String) -> Void = { _ in }
    /// The execution contexts of the statement running now, so another thread can cancel it.
    let running = StatementCancellation()

    /// Whether every write is refused (`--read-only`): the lake's store refuses them, and so do COPY
    /// statements to files outside it.
    public var isReadOnly: Bool { store is ReadOnlyObjectStore }

    /// How this session's writes wait for tables other writers hold.
    public var leaseWait: LeaseWait { LeaseWait(timeout: settings.lockTimeout, notice: notice) }

    /// Runs `body` holding the lease on the tables below `prefixes` of the lake, so what it reads to decide
    /// cannot change under it.
    public func withLease<Result>(_ prefixes: [String], statement: String, _ body: () throws -> Result) throws -> Result {
        let lease = try WriteLease.acquire(store: store, targetPrefixes: prefixes, statement: statement, wait: leaseWait)
        defer { lease.release() }
        // What was read before the lease (tables, entries, listings) may be another writer's work in progress
        // or out of date since it finished: read again, now that nobody else writes these tables.
        catalog.refresh()
        try catalog.metastore.load()
        return try body()
    }

    public init(location: StorageLocation, readOnly: Bool = false) throws {
        self.location = location
        let opened = try location.makeStore()
        store = readOnly ? ReadOnlyObjectStore(opened) : opened
        catalog = LakeCatalog(store: store)
    }

    /// A session whose S3 settings come from `environment` rather than the process's.
    public init(location: StorageLocation, environment: [String: String], readOnly: Bool = false) throws {
        self.location = location
        let opened = try location.makeStore(environment: environment)
        store = readOnly ? ReadOnlyObjectStore(opened) : opened
        catalog = LakeCatalog(store: store)
    }

    /// Runs one parsed statement; `source` is the SQL text its ranges point into.
    public func run(_ statement: Statement) throws -> StatementResult {
        running.begin()
        catalog.refresh()
        try catalog.metastore.load()
        switch statement.kind {
        case .query(let query):
            return .rows(try runQuery(query))
        case .explain(let explain):
            return try runExplain(explain)
        case .show(let show):
            return try runShow(show)
        case .describe(let describe):
            return .rows(try describeTable(describe.table))
        case .set(let set):
            let value = try constantValue(set.value)
            try settings.set(set.name.dottedName, value)
            return .message("SET \(set.name.dottedName)")
        case .use(let name):
            catalog.currentSchema = name.parts.map(\.value)
            return .message("USE \(name.dottedName)")
        case .createExternalTable, .createTableAs, .createView, .insert, .drop, .repairTable, .alterTablePartitions, .copy:
            return try runWriting(statement)
        }
    }

    // MARK: Queries

    func runQuery(_ query: Query) throws -> QueryResult {
        let clock = ContinuousClock()
        let started = clock.now
        let storageBefore = store.statistics.snapshot()
        let prepared = try prepare(query)
        let metrics = ScanMetrics()
        let context = makeContext()
        let provider = LakeScanProvider(metrics: metrics, options: settings.pruning)
        let root = try PhysicalPlanner(context: context, scans: provider).makeOperator(prepared.plan)
        let stores = catalog.extraStores + catalog.metastore.openedStores
        let result = QueryResult(schema: prepared.schema, root: root) { [store] in
            var storage = store.statistics.snapshot() - storageBefore
            for other in stores {
                let snapshot = other.statistics.snapshot()
                storage.requests += snapshot.requests
                storage.bytesRead += snapshot.bytesRead
            }
            let elapsed = clock.now - started
            let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            return QueryStatistics(metrics: metrics, storage: storage, elapsedMilliseconds: milliseconds)
        }
        result.scanMetrics = metrics
        return result
    }

    /// A query bound and optimized: its plan and output columns.
    func prepare(_ query: Query) throws -> (plan: LogicalPlan, schema: [Field]) {
        let bound = try Binder(catalog: catalog).bind(query)
        return (try optimize(bound.plan), bound.schema)
    }

    /// A bound plan, optimized.
    func optimize(_ plan: LogicalPlan) throws -> LogicalPlan {
        let context = makeContext()
        let evaluator = ExpressionEvaluator(context: context)
        let provider = LakeScanProvider(metrics: ScanMetrics(), options: settings.pruning)
        let optimizer = Optimizer.standard(
            evaluateConstant: { expression in try evaluator.evaluate(expression, on: Batch(count: 1)).value(at: 0) },
            estimateScan: { scan in (try? provider.listing(scan, context: context))?.bytes })
        return try optimizer.optimize(plan)
    }

    func makeContext() -> ExecutionContext {
        let context = ExecutionContext(
            batchSize: settings.batchSize, parallelism: settings.threads, statementTimestamp: Self.now(),
            memory: MemoryBudget(limit: settings.memoryLimit), spillDirectory: settings.tempDirectory)
        running.track(context)
        return context
    }

    /// Cancels the statement running now (Ctrl-C in the REPL), from any thread: its operators stop at their
    /// next batch and reading its rows throws "query cancelled". Does nothing between statements.
    public func cancelCurrentStatement() {
        running.cancel()
    }

    /// The value of a constant expression (a SET value, a table property).
    func constantValue(_ expression: Expression) throws -> Value {
        let query = Query(body: QueryBody(.select(Select(items: [SelectItem(.expression(expression, alias: nil))]))))
        let bound = try Binder(catalog: catalog).bind(query)
        guard case .project(_, let expressions, _) = bound.plan, expressions.count == 1, expressions[0].referencedColumns.isEmpty else {
            throw PlanError("expected a constant", offset: expression.range.lowerBound, length: expression.range.length)
        }
        return try ExpressionEvaluator(context: makeContext()).evaluate(expressions[0], on: Batch(count: 1)).value(at: 0)
    }

    /// Microseconds since the epoch, now.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }

    static func statementName(_ statement: Statement) -> String {
        switch statement.kind {
        case .createExternalTable: return "CREATE EXTERNAL TABLE"
        case .createTableAs: return "CREATE TABLE AS"
        case .createView: return "CREATE VIEW"
        case .insert: return "INSERT"
        case .drop: return "DROP"
        case .repairTable: return "MSCK REPAIR TABLE"
        case .alterTablePartitions: return "ALTER TABLE ... PARTITION"
        case .copy: return "COPY"
        case .query: return "SELECT"
        case .explain: return "EXPLAIN"
        case .show: return "SHOW"
        case .describe: return "DESCRIBE"
        case .set: return "SET"
        case .use: return "USE"
        }
    }
}
