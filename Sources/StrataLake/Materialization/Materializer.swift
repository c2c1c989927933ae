// `strata materialize`: builds the selected models in dependency order. Each model is one write under the
// commit protocol: its rows stream into staging, its checks run against the staged new version of its
// table, and one commit publishes the data together with the model's state (fingerprints of what it
// read) and its catalog entry. A failing check or error keeps the previous version; the models that read
// it are skipped; the others still run. Each run ends by appending its metrics to `metrics/`.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL
import StrataStorage

public final class Materializer {
    public let session: LakeSession
    public let graph: ModelGraph
    /// Rebuild every selected model whole, whatever changed.
    public var fullRefresh = false
    /// One line per step, as the run goes (the CLI prints them on standard error).
    public var progress: (String) -> Void = { _ in }
    /// Identifies the run in the metrics.
    public let runID: String
    let startedAt: Int64

    /// Orders `models`; cycles, duplicate names and tables that are neither models nor in the lake are
    /// errors here, before anything runs.
    public init(session: LakeSession, models: [Model]) throws {
        self.session = session
        // What a killed run left is finished or undone first, so the lake the plan looks at is settled.
        try WriteTransaction.recover(store: session.store)
        session.catalog.refresh()
        try session.catalog.metastore.load()
        graph = try ModelGraph(models: models) { name in
            try session.catalog.lookup(name.split(separator: ".").map(String.init)) != nil
        }
        startedAt = LakeSession.now()
        runID = String(startedAt / 1000) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Runs (or with `dryRun`, plans) the models `selectors` name; returns what each did, in run order.
    /// The run itself fails only when the lake cannot be written; failed models are in the result.
    public func run(select selectors: [String] = [], dryRun: Bool = false) throws -> [ModelRun] {
        let selected = try graph.select(selectors)
        var runs: [ModelRun] = []
        var failed = Set<Int>()
        var planned: [String: PlannedChange] = [:]
        for (step, index) in selected.enumerated() {
            let model = graph.models[index]
            let label = "[\(step + 1)/\(selected.count)] \(model.name)"
            if let upstream = graph.dependencies[index].first(where: failed.contains) {
                failed.insert(index)
                var run = ModelRun(model: model.name, file: model.file, rebuild: .upToDate, status: .skipped)
                run.error = "\(graph.models[upstream].name) failed"
                progress("\(label): skipped, \(run.error!)")
                runs.append(run)
                continue
            }
            session.catalog.refresh()
            var run: ModelRun
            do {
                run = try build(model, dryRun: dryRun, planned: planned, label: label)
            } catch {
                run = ModelRun(model: model.name, file: model.file, rebuild: .upToDate, status: .failed)
                run.error = Materializer.message(error)
                progress("\(label): failed: \(run.error!)")
            }
            if run.status == .failed { failed.insert(index) }
            switch run.rebuild {
            case .upToDate: break
            case .full: planned[model.name.lowercased()] = .all
            case .partitions(let key, let values, _): planned[model.name.lowercased()] = .values(key: key, texts: Set(values))
            }
            runs.append(run)
        }
        if !dryRun {
            session.catalog.refresh()
            try MaterializationMetrics(session: session, runID: runID, startedAt: startedAt).append(runs)
        }
        return runs
    }

    /// What an upstream model of a dry run would rebuild: its downstream models plan with it.
    enum PlannedChange {
        case all
        /// Texts of its partition column's values (`NULL` for NULL).
        case values(key: String, texts: Set<String>)
    }

    static func message(_ error: Error) -> String {
        if let lake = error as? LakeError { return lake.message }
        if let plan = error as? PlanError { return plan.message }
        if let sql = error as? SQLError { return sql.message }
        return String(describing: error)
    }

    // MARK: One model

    func build(_ model: Model, dryRun: Bool, planned: [String: PlannedChange], label: String) throws -> ModelRun {
        let ctas = model.statement
        let parts = ctas.name.parts.map(\.value)
        let properties = try WriteProperties(ctas.properties, for: .createTable, evaluate: session.constantValue)
        let prefix = try session.newTablePrefix(parts, properties: properties)
        if dryRun { return try build(model, prefix: prefix, properties: properties, dryRun: true, planned: planned, label: label) }
        // The table is leased before its state is read, so two runs never build it at once: the second
        // decides on what the first one wrote.
        return try session.withLease([prefix], statement: "strata materialize (\(model.name))") {
            try build(model, prefix: prefix, properties: properties, dryRun: false, planned: planned, label: label)
        }
    }

    private func build(
        _ model: Model, prefix: String, properties: WriteProperties, dryRun: Bool, planned: [String: PlannedChange], label: String
    ) throws -> ModelRun {
        let clock = ContinuousClock()
        let started = clock.now
        let ctas = model.statement
        let bound: BoundQuery
        do {
            bound = try Binder(catalog: session.catalog).bind(ctas.query)
        } catch {
            // A dry run plans models whose inputs earlier models of the run would build first.
            let pending = model.reads.filter { planned[$0.lowercased()] != nil }
            guard dryRun, !pending.isEmpty else { throw error }
            progress("\(label): full (first build after \(pending.joined(separator: ", ")))")
            return ModelRun(
                model: model.name, file: model.file, rebuild: .full(reason: "first build after \(pending.joined(separator: ", "))"),
                status: .planned)
        }
        var names = bound.schema.map(\.name)
        if !ctas.columns.isEmpty {
            guard ctas.columns.count == names.count else {
                throw LakeError("\(model.file): the statement names \(ctas.columns.count) columns but the query gives \(names.count)")
            }
            names = ctas.columns.map(\.value)
        }
        let target = try session.tableTarget(
            name: model.name, prefix: prefix, names: names, types: bound.schema.map(\.type), properties: properties,
            format: try properties.writeFormat())
        let decision = try decide(model, plan: bound.plan, target: target, planned: planned)
        var run = ModelRun(model: model.name, file: model.file, rebuild: decision.rebuild, status: dryRun ? .planned : .upToDate)
        var plan = bound.plan
        if let filter = decision.filter { plan = .filter(plan, predicate: filter) }
        plan = try session.optimize(.rename(plan, names: names))
        if decision.rebuild != .upToDate { run.bytesToRead = try bytesToRead(plan) }
        if dryRun {
            progress("\(label): \(run.rebuildText)" + (run.bytesToRead.map { ", reads \(ByteCount.text($0))" } ?? ""))
            return run
        }
        if decision.rebuild == .upToDate {
            if decision.recheck { return try recheck(model, run: run, label: label) }
            progress("\(label): up to date")
            return run
        }
        progress("\(label): building, \(run.rebuildText)")

        let mode: WriteMode
        if case .partitions = decision.rebuild {
            mode = .replacePartitions(alsoRemoving: decision.alsoRemoving)
        } else {
            mode = .replaceTable
        }
        let state = ModelState(
            model: model.name, statementHash: InputFingerprint.hash(model.sql), checksHash: model.checksHash, inputs: decision.inputs,
            builtAt: ProcessIdentity.nowMilliseconds())
        let object = session.createdTableObject(target, properties: properties, comment: ctas.comment?.value)
        let objects = [
            TransactionRecord.ObjectChange(key: LakeMetastore.key(for: model.name), content: try LakeJSON.text(object)),
            TransactionRecord.ObjectChange(key: ModelState.key(for: model.name), content: try LakeJSON.text(state)),
        ]
        var writer = TableWriter(session: session)
        var outcomes: (passed: [String], failed: [(name: String, finding: String)]) = ([], [])
        writer.check = { [self] staged in
            outcomes = try runChecks(model, staged: staged)
            if !outcomes.failed.isEmpty { throw ModelCheckFailure() }
        }
        writer.progress = { [progress] rows in progress("\(label): \(rows) rows written") }
        let storageBefore = session.store.statistics.snapshot()
        do {
            let outcome = try writer.write(plan, into: target, mode: mode, statement: "materialize \(model.name)", objects: objects)
            run.status = .built
            run.rows = outcome.rows
            run.bytes = outcome.bytes
            run.files = outcome.files.count
            run.partitionsRebuilt = outcome.partitionsWritten.union(outcome.partitionsRemoved).count
            let columns = target.layout.dataFields.map(\.name)
            run.nullCounts = columns.indices.map { column in (columns[column], outcome.files.reduce(0) { $0 + $1.nullCounts[column] }) }
            for (position, key) in target.layout.partitionKeys.enumerated() {
                let nulls = outcome.files.reduce(0) { $0 + (PartitionPath.text($1.partitionValues[position], type: target.layout.partitionTypes[position]) == nil ? $1.rows : 0) }
                run.nullCounts.append((key, nulls))
            }
        } catch is ModelCheckFailure {
            run.status = .failed
            run.error = outcomes.failed.map { "check \($0.name) failed: \($0.finding)" }.joined(separator: "; ") + "; the previous version is kept"
        }
        run.bytesRead = (session.store.statistics.snapshot() - storageBefore).bytesRead
        run.checksPassed = outcomes.passed
        run.checksFailed = outcomes.failed
        run.durationMilliseconds = Materializer.milliseconds(clock.now - started)
        if run.status == .built {
            progress("\(label): built \(run.rows) rows, \(run.files) files, \(run.partitionsRebuilt) partitions in \(run.durationMilliseconds) ms")
        } else {
            progress("\(label): \(run.error ?? "failed")")
        }
        return run
    }

    /// Runs a model's changed checks on its current version (its data is up to date); when they pass,
    /// the state records them, so they run again only when the data or the checks change.
    func recheck(_ model: Model, run upToDate: ModelRun, label: String) throws -> ModelRun {
        var run = upToDate
        guard case .table(let handle)? = try session.catalog.lookup(model.statement.name.parts.map(\.value)),
            let current = handle.source as? LakeTableSource
        else { throw LakeError("table \(model.name) cannot be read to check it") }
        let outcomes = try runChecks(model, staged: current)
        run.checksPassed = outcomes.passed
        run.checksFailed = outcomes.failed
        if outcomes.failed.isEmpty {
            if var state = try ModelState.load(model.name, store: session.store) {
                state.checksHash = model.checksHash
                try session.store.write(ModelState.key(for: model.name), bytes: try LakeJSON.encode(state))
            }
            progress("\(label): up to date; its changed checks pass")
        } else {
            run.status = .failed
            run.error = outcomes.failed.map { "check \($0.name) failed: \($0.finding)" }.joined(separator: "; ") + " (on the current version, which was up to date)"
            progress("\(label): \(run.error!)")
        }
        return run
    }

    /// Thrown from the check hook so the write rolls back; the findings are kept by the caller.
    struct ModelCheckFailure: Error {}

    /// Runs every check of `model` against its staged table; returns the names passed and the failures.
    func runChecks(_ model: Model, staged: LakeTableSource) throws -> (passed: [String], failed: [(name: String, finding: String)]) {
        try Self.runChecks(model, staged: staged, session: session)
    }

    /// Runs every check of `model` against `staged`, which stands for its table in `session` meanwhile.
    static func runChecks(_ model: Model, staged: LakeTableSource, session: LakeSession) throws
        -> (passed: [String], failed: [(name: String, finding: String)])
    {
        guard !model.checks.isEmpty else { return ([], []) }
        let metastore = session.catalog.metastore
        metastore.overrides[model.name.lowercased()] = staged
        defer { metastore.overrides.removeValue(forKey: model.name.lowercased()) }
        var passed: [String] = []
        var failed: [(name: String, finding: String)] = []
        for check in model.checks {
            let sql = check.countQuery(table: model.name)
            let count: Int64
            do {
                let statements = try SQLParser.parse(sql)
                guard statements.count == 1, case .query(let query) = statements[0].kind else {
                    throw LakeError("the check is not one query")
                }
                let batches = try session.runQuery(query).drain()
                guard let first = batches.first(where: { $0.count > 0 }), case .integer(let value) = first.columns[0].value(at: 0) else {
                    throw LakeError("the check's count gave no number")
                }
                count = value
            } catch {
                failed.append((check.name, "its query failed: \(Materializer.message(error))"))
                continue
            }
            if let finding = check.verdict(count) {
                failed.append((check.name, finding))
            } else {
                passed.append(check.name)
            }
        }
        return (passed, failed)
    }

    /// Bytes the optimized plan's scans read, after partition pruning.
    func bytesToRead(_ plan: LogicalPlan) throws -> Int {
        let context = session.makeContext()
        let provider = LakeScanProvider(metrics: ScanMetrics())
        return try plan.scans.reduce(0) { total, scan in
            guard scan.table.source is LakeTableSource else { return total }
            return total + (try provider.listing(scan, context: context).bytes)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
