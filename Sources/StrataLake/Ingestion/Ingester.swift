// `strata ingest`: bronze → silver. For each ingestion model, in file order:
//   1. list its bronze source; unchanged files and model since the last build → up to date, nothing read;
//   2. read every file whole as text (file-level validation): a file that cannot be read moves to
//      `quarantine/rejected_files/_objects/` and is recorded in `quarantine.rejected_files`; the run goes on;
//   3. judge every row (types, key, rules) and write the rows that fail, with rule, reason, file and line,
//      to `quarantine.<table>`, replacing the previous quarantine of that table;
//   4. write the rows that pass, one per key (and with history if asked), as the silver table — one
//      transaction with the model's state, after the model's checks pass on the staged version;
//   5. append the run's figures to `metrics.ingest`, `metrics.ingest_rules` and `metrics.ingest_columns`.
// A model that fails keeps its previous silver version; the others still run.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL
import StrataStorage

public final class Ingester {
    public let session: LakeSession
    public let models: [IngestionModel]
    /// Rebuild every selected model, whatever changed.
    public var fullRefresh = false
    /// One line per step, as the run goes (the CLI prints them on standard error).
    public var progress: (String) -> Void = { _ in }
    /// Identifies the run in the metrics.
    public let runID: String
    let startedAt: Int64

    /// The name a model's raw bronze source is bound under while its queries are planned.
    static let sourceName = "_ingest.source"
    /// Where rejected bronze files are moved, keeping their keys below it.
    static let rejectedObjectsPrefix = "quarantine/rejected_files/_objects/"

    /// Settles what a killed run left, then checks that no two models build one table.
    public init(session: LakeSession, models: [IngestionModel]) throws {
        self.session = session
        try WriteTransaction.recover(store: session.store)
        session.catalog.refresh()
        try session.catalog.metastore.load()
        // Each model owns its table and its quarantine table.
        var files: [String: String] = [IngestionMetrics.rejectedFiles.name: "ingestion itself"]
        for model in models {
            for table in [model.name, model.quarantineName] {
                if let other = files[table.lowercased()] { throw LakeError("\(other) and \(model.file) both build \(table)") }
                files[table.lowercased()] = model.file
            }
        }
        self.models = models
        startedAt = LakeSession.now()
        runID = String(startedAt / 1000) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Runs (or with `dryRun`, plans) the models `names` select (all when empty), in file order.
    public func run(select names: [String] = [], dryRun: Bool = false) throws -> [IngestionRun] {
        let wanted = Set(names.map { $0.lowercased() })
        for name in wanted where !models.contains(where: { $0.name.lowercased() == name }) {
            throw LakeError("no ingestion model builds \(name) (there are \(models.map(\.name).joined(separator: ", ")))")
        }
        let selected = models.filter { wanted.isEmpty || wanted.contains($0.name.lowercased()) }
        var runs: [IngestionRun] = []
        for (step, model) in selected.enumerated() {
            let label = "[\(step + 1)/\(selected.count)] \(model.name)"
            session.catalog.refresh()
            var run = IngestionRun(model: model.name, file: model.file, status: .failed)
            let clock = ContinuousClock()
            let started = clock.now
            let storageBefore = session.store.statistics.snapshot()
            do {
                if dryRun {
                    try ingest(model, into: &run, dryRun: true, label: label)
                } else {
                    // The model's tables are leased before its state is read, so two runs never build them at once.
                    try session.withLease(try leasedPrefixes(model), statement: "strata ingest (\(model.name))") {
                        try ingest(model, into: &run, dryRun: false, label: label)
                    }
                }
            } catch {
                run.status = .failed
                run.error = Materializer.message(error)
                progress("\(label): failed: \(run.error!)")
            }
            run.bytesRead = (session.store.statistics.snapshot() - storageBefore).bytesRead
            run.durationMilliseconds = Materializer.milliseconds(clock.now - started)
            runs.append(run)
        }
        if !dryRun {
            session.catalog.refresh()
            try IngestionMetrics(session: session, runID: runID, startedAt: startedAt).append(runs)
        }
        return runs
    }

    // MARK: One model

    /// The folders of the tables a model builds: its silver table and its quarantine table.
    func leasedPrefixes(_ model: IngestionModel) throws -> [String] {
        let properties = try WriteProperties(model.model.statement.properties, for: .createTable, evaluate: session.constantValue)
        return [
            try session.newTablePrefix(model.name.split(separator: ".").map(String.init), properties: properties),
            try LakePath.tablePrefix(model.quarantineName.split(separator: ".").map(String.init)),
        ]
    }

    func ingest(_ model: IngestionModel, into run: inout IngestionRun, dryRun: Bool, label: String) throws {
        let source = try bronzeFiles(model)
        let files = source.files.sorted { $0.key < $1.key }
        guard !files.isEmpty else { throw LakeError("\(model.file): the bronze source of \(model.name) has no files") }
        run.sourceFiles = files.count
        run.sourceBytes = files.reduce(0) { $0 + $1.size }
        let sourceHash = IngestionState.sourceHash(files)
        let state = try IngestionState.load(model.name, store: session.store)
        if fullRefresh {
            run.reason = "--full-refresh"
        } else if state == nil {
            run.reason = "first build"
        } else if state?.definitionHash != model.definitionHash {
            run.reason = "the model changed"
        } else if state?.sourceHash != sourceHash {
            run.reason = "bronze files changed"
        } else {
            run.status = dryRun ? .planned : .upToDate
            progress("\(label): up to date (\(files.count) files)")
            return
        }
        if dryRun {
            run.status = .planned
            progress("\(label): would build (\(run.reason)), reading \(files.count) files, \(ByteCount.text(run.sourceBytes))")
            return
        }
        progress("\(label): building (\(run.reason)), checking \(files.count) files")

        // 2. Every file read whole; the unreadable ones leave bronze for quarantine.
        var readable: [DataFile] = []
        var unparsed: [BronzeFileCheck.UnparsedRecord] = []
        var columns = SchemaMerger()
        for file in files {
            switch BronzeFileCheck.check(file, store: source.store, options: source.readOptions) {
            case .readable(let rows, let schema, let records):
                readable.append(file)
                run.rowsIn += rows + records.count
                unparsed += records
                try columns.add(schema, from: source.store.location(of: file.key))
            case .unreadable(let reason):
                try reject(file, store: source.store)
                run.rejectedFiles.append((file.key, reason))
                progress("\(label): moved to quarantine: \(reason)")
            }
        }
        guard !readable.isEmpty else { throw LakeError("no bronze file of \(model.name) can be read; all were moved to quarantine") }

        // 3. The raw source, bound for the generated queries.
        let raw = rawSource(source, files: readable, fields: columns.fields, model: model)
        let metastore = session.catalog.metastore
        metastore.overrides[Self.sourceName] = raw
        defer { metastore.overrides.removeValue(forKey: Self.sourceName) }
        let ctas = model.model.statement
        let properties = try WriteProperties(ctas.properties, for: .createTable, evaluate: session.constantValue)
        let rawColumns = raw.columns.map(\.name).filter { $0 != "_file" && $0 != BronzeFileCheck.lineColumn }
        let query = IngestionQuery(
            model: model, sourceName: "\"_ingest\".\"source\"", rawColumns: rawColumns, partitionedBy: properties.partitionedBy)

        let quarantine = try write(
            query.quarantine(unparsed: unparsed), as: model.quarantineName, properties: try WriteProperties([], for: .createTable, evaluate: session.constantValue),
            comment: "rows of \(model.name) that failed ingestion, with the rule and reason", extraObjects: [], model: model)
        run.rowsQuarantined = quarantine.outcome.rows
        session.catalog.refresh()
        run.quarantinedByRule = try rulesCount(model.quarantineName)
        if model.filter != nil { run.rowsFiltered = run.rowsIn - unparsed.count - (try count(query.judgedCount)) }

        // 4. The silver table, with the model's state, once its checks pass.
        let newState = IngestionState(
            model: model.name, definitionHash: model.definitionHash, sourceHash: IngestionState.sourceHash(readable),
            builtAt: ProcessIdentity.nowMilliseconds())
        let stateObject = TransactionRecord.ObjectChange(key: IngestionState.key(for: model.name), content: try LakeJSON.text(newState))
        var outcomes: (passed: [String], failed: [(name: String, finding: String)]) = ([], [])
        do {
            let silver = try write(
                query.silver, as: model.name, properties: properties, comment: ctas.comment?.value, extraObjects: [stateObject], model: model
            ) { [session] staged in
                outcomes = try Materializer.runChecks(model.model, staged: staged, session: session)
                if !outcomes.failed.isEmpty { throw Materializer.ModelCheckFailure() }
            }
            run.status = .built
            run.rows = silver.outcome.rows
            run.bytes = silver.outcome.bytes
            run.files = silver.outcome.files.count
            run.partitions = silver.outcome.partitionsWritten.count
            let names = silver.target.layout.dataFields.map(\.name)
            run.nullCounts = names.indices.map { column in (names[column], silver.outcome.files.reduce(0) { $0 + $1.nullCounts[column] }) }
        } catch is Materializer.ModelCheckFailure {
            run.status = .failed
            run.error = outcomes.failed.map { "check \($0.name) failed: \($0.finding)" }.joined(separator: "; ") + "; the previous version is kept"
        }
        run.checksPassed = outcomes.passed
        run.checksFailed = outcomes.failed
        if run.status == .built {
            progress(
                "\(label): \(run.rowsIn) rows in, \(run.rowsQuarantined) quarantined, \(run.rowsDeduplicated) duplicates"
                    + (model.filter == nil ? "" : ", \(run.rowsFiltered) filtered out") + ", \(run.rows) written to \(run.partitions) partitions")
        } else {
            progress("\(label): \(run.error ?? "failed")")
        }
    }

    /// The files of the table or table function the model reads. Their columns are not sampled here: a
    /// file that cannot be read must not stop the run before it is moved aside.
    func bronzeFiles(_ model: IngestionModel) throws -> LakeCatalog.FileSet {
        do {
            switch model.source.kind {
            case .tableFunction(let call, _):
                let name = call.name.dottedName.lowercased()
                let arguments = try call.arguments.map { argument in
                    TableFunctionArgument(name: argument.name?.value, value: try session.constantValue(argument.value))
                }
                return try session.catalog.fileSet(name, try LakeCatalog.fileFormat(ofTableFunction: name), arguments)
            case .table(let name, _):
                guard case .table(let handle)? = try session.catalog.lookup(name.parts.map(\.value)),
                    let source = handle.source as? LakeTableSource
                else { throw LakeError("table \(name.dottedName) is not a table of files in the lake") }
                let files = try source.allFiles(evaluator: ExpressionEvaluator(context: session.makeContext())).files
                return LakeCatalog.FileSet(
                    store: source.store, prefix: source.prefix, files: files, partitionKeys: source.partitionKeys,
                    partitionTypes: source.partitionTypes, readOptions: source.readOptions)
            default:
                throw LakeError("the source is a table or read_csv/read_json/read_parquet")
            }
        } catch {
            throw LakeError("\(model.file): its source: \(Materializer.message(error))")
        }
    }

    /// The source as ingestion reads it: the readable files only, every text column VARCHAR, partition
    /// values as written, and each row's file (`_file`, a partition-like constant per file) and line.
    func rawSource(_ source: LakeCatalog.FileSet, files: [DataFile], fields: [Field], model: IngestionModel) -> LakeTableSource {
        let known = files.map { file -> DataFile in
            var file = file
            file.partitionValues.append(file.key)
            return file
        }
        return LakeTableSource(
            name: "bronze source of \(model.name)", store: source.store, prefix: source.prefix, knownFiles: known, layout: nil,
            partitionKeys: source.partitionKeys + ["_file"], partitionTypes: Array(repeating: .varchar, count: source.partitionKeys.count + 1),
            dataFields: fields + [Field(BronzeFileCheck.lineColumn, .bigint)],
            readOptions: BronzeFileCheck.rawOptions(source.readOptions, columns: fields.map(\.name)), warnings: [])
    }

    /// Moves a file that cannot be read out of bronze (files outside the lake are left where they are).
    func reject(_ file: DataFile, store: any ObjectStore) throws {
        guard store === session.store else { return }
        try store.copy(from: file.key, to: Self.rejectedObjectsPrefix + file.key)
        try store.delete([file.key])
    }

    /// Binds `sql` and writes its rows as the whole table `name`, with its catalog entry and `extraObjects`
    /// in the same transaction; `check` looks at the staged version first.
    func write(
        _ sql: String, as name: String, properties: WriteProperties, comment: String?, extraObjects: [TransactionRecord.ObjectChange],
        model: IngestionModel, check: ((LakeTableSource) throws -> Void)? = nil
    ) throws -> (outcome: WriteOutcome, target: WriteTarget) {
        let statements = try SQLParser.parse(sql)
        guard statements.count == 1, case .query(let query) = statements[0].kind else {
            throw LakeError("\(model.file): the query generated for \(name) is not one query")
        }
        let bound: BoundQuery
        do {
            bound = try Binder(catalog: session.catalog).bind(query)
        } catch {
            throw LakeError("\(model.file): \(Materializer.message(error))")
        }
        let parts = name.split(separator: ".").map(String.init)
        let names = bound.schema.map(\.name)
        let target = try session.tableTarget(
            name: name, prefix: try session.newTablePrefix(parts, properties: properties), names: names, types: bound.schema.map(\.type),
            properties: properties, format: try properties.writeFormat())
        let object = session.createdTableObject(target, properties: properties, comment: comment)
        let objects = [TransactionRecord.ObjectChange(key: LakeMetastore.key(for: name), content: try LakeJSON.text(object))] + extraObjects
        var writer = TableWriter(session: session)
        writer.check = check
        let plan = try session.optimize(.rename(bound.plan, names: names))
        let outcome = try writer.write(plan, into: target, mode: .replaceTable, statement: "ingest \(name)", objects: objects)
        return (outcome, target)
    }

    /// Rows of the quarantine table `table` per rule.
    func rulesCount(_ table: String) throws -> [(rule: String, rows: Int)] {
        var counts: [(rule: String, rows: Int)] = []
        for batch in try rows(IngestionQuery.rulesCount(table)) {
            for row in 0..<batch.count {
                guard case .varchar(let rule) = batch.columns[0].value(at: row), case .integer(let rows) = batch.columns[1].value(at: row) else { continue }
                counts.append((rule, Int(rows)))
            }
        }
        return counts
    }

    /// The one number a counting query gives.
    func count(_ sql: String) throws -> Int {
        guard let batch = try rows(sql).first(where: { $0.count > 0 }), case .integer(let value) = batch.columns[0].value(at: 0) else {
            throw LakeError("a count gave no number")
        }
        return Int(value)
    }

    /// The batches of a generated query.
    func rows(_ sql: String) throws -> [Batch] {
        let statements = try SQLParser.parse(sql)
        guard statements.count == 1, case .query(let query) = statements[0].kind else { throw LakeError("the generated query is not one query") }
        return try session.runQuery(query).drain()
    }
}
