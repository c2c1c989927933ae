// How much of a model a run rebuilds. Nothing, when its statement and every file it reads are as at its
// last build; the partitions whose inputs changed, when only the table its partition column comes from
// changed (see `PartitionLineage`); the whole table otherwise. Rebuilding partitions `v` adds the filter
// `key IN (v)` over the model's output: the rows are exactly the full query's rows of those partitions,
// and the optimizer pushes the filter down to the source's partitions, so only they are read.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataStorage

extension Materializer {
    struct Decision {
        var rebuild: ModelRun.Rebuild
        /// Over the bound plan's output columns; nil for a full rebuild.
        var filter: BoundExpression?
        /// Partition folders of the table to empty even if the rebuild yields no rows for them.
        var alsoRemoving: Set<String> = []
        /// The fingerprints the state records when the build succeeds.
        var inputs: [String: InputFingerprint]
        /// Up to date, but its checks changed since they last passed: they run on the current version.
        var recheck = false
    }

    func decide(_ model: Model, plan: LogicalPlan, target: WriteTarget, planned: [String: PlannedChange]) throws -> Decision {
        let sources = Materializer.sources(of: plan, lake: session.store)
        var inputs: [String: InputFingerprint] = [:]
        let evaluator = ExpressionEvaluator(context: session.makeContext())
        for (key, source) in sources { inputs[key] = InputFingerprint(source, files: try source.allFiles(evaluator: evaluator).files) }
        func full(_ reason: String) -> Decision { Decision(rebuild: .full(reason: reason), inputs: inputs) }

        let store = session.store
        let exists = try !store.list(prefix: target.prefix, delimiter: "/").isEmptyListing
        let state = try ModelState.load(model.name, store: store)
        if exists, state == nil {
            // Only tables this command (or Strata's CTAS) made are replaced: never a table users put there.
            let object = try session.catalog.metastore.object(named: model.name)
            guard object?.createdByStrata == true else {
                throw LakeError(
                    "\(store.location(of: target.prefix)) already holds table \(model.name), which strata materialize did not build; drop it or name the model differently")
            }
        }
        if fullRefresh { return full("--full-refresh") }
        guard let state else { return full(exists ? "no record of its last build" : "first build") }
        guard exists else { return full("its table is missing") }
        if state.statementHash != InputFingerprint.hash(model.sql) { return full("its statement changed") }
        if Set(state.inputs.keys) != Set(inputs.keys) { return full("it reads other tables than at its last build") }
        if let object = try session.catalog.metastore.object(named: model.name) {
            let now = target.fields.map { CatalogObject.Column(name: $0.name, type: $0.type) }
            if (object.columns + object.partitionKeys).map({ [$0.name, $0.type] }) != now.map({ [$0.name, $0.type] }) {
                return full("its columns changed")
            }
        }

        // Folders changed since the last build, per input; in a dry run, also what earlier models will rebuild.
        var changed: [String: Set<String>] = [:]
        for (key, fingerprint) in inputs {
            let folders = fingerprint.changedFolders(since: state.inputs[key]!)
            if !folders.isEmpty { changed[key] = folders }
        }
        var predicted: [String: PlannedChange] = [:]
        for (key, source) in sources {
            if let change = planned[source.name.lowercased()] { predicted[key] = change }
        }
        if changed.isEmpty && predicted.isEmpty {
            return Decision(rebuild: .upToDate, inputs: inputs, recheck: state.checksHash != model.checksHash)
        }
        let changedNames = Set(changed.keys).union(predicted.keys).map { sources[$0]!.name }.sorted()
        let what = changedNames.joined(separator: ", ") + " changed"

        let keyCount = target.layout.partitionKeys.count
        let width = target.fields.count
        guard let lineage = PartitionLineage.find(plan, partitionColumns: Array((width - keyCount)..<width)) else {
            return full(keyCount == 0 ? what : what + "; no partition column comes from a source's partition key")
        }
        guard let lineageKey = sources.first(where: { $0.value === lineage.source })?.key,
            Set(changed.keys).union(predicted.keys) == [lineageKey]
        else { return full(what + ", not only \(lineage.source.name)") }

        // The values of the lineage key whose source partitions changed.
        let sourceType = lineage.source.partitionTypes[lineage.sourceKey]
        var values = Set<Value>()
        for folder in changed[lineageKey] ?? [] {
            let segments = ObjectKey.segments(folder, omittingEmpty: false).map { PartitionSegment(folderName: $0) }
            guard lineage.sourceKey < segments.count, let segment = segments[lineage.sourceKey],
                let value = PartitionValueType.value(segment.value, as: sourceType)
            else { return full(what + "; its partition folder \(folder) does not parse") }
            values.insert(value)
        }
        switch predicted[lineageKey] {
        case nil: break
        case .all?: return full("\(lineage.source.name) is rebuilt whole")
        case .values(let key, let texts)?:
            guard key.lowercased() == lineage.source.partitionKeys[lineage.sourceKey].lowercased() else {
                return full("\(lineage.source.name) is rebuilt by \(key), not \(lineage.source.partitionKeys[lineage.sourceKey])")
            }
            for text in texts {
                guard let value = PartitionValueType.value(text == "NULL" ? nil : text, as: sourceType) else {
                    return full("\(lineage.source.name) is rebuilt")
                }
                values.insert(value)
            }
        }

        let column = width - keyCount + lineage.outputKey
        let outputType = target.fields[column].type
        let outputKey = target.layout.partitionKeys[lineage.outputKey]
        let literals = values.filter { $0 != .null }.map { BoundExpression.literal($0, outputType) }
        var terms: [BoundExpression] = []
        if !literals.isEmpty { terms.append(.inList(.column(column, outputType), literals, negated: false)) }
        if values.contains(.null) { terms.append(.isNull(.column(column, outputType), negated: false)) }
        let filter: BoundExpression = terms.count == 1 ? terms[0] : .or(terms)

        // Current folders of the rebuilt values: emptied even if the rebuild has no rows for them.
        let texts = Set(values.map { PartitionPath.text($0, type: outputType) })
        var alsoRemoving = Set<String>()
        let format: DataFileFormat
        switch target.format {
        case .parquet: format = .parquet
        case .csv: format = .csv
        case .json: format = .json
        }
        let current = try DeclaredListing.list(
            store: store, prefix: target.prefix, keys: target.layout.partitionKeys, format: format, table: target.name)
        for file in current.files {
            let raw = file.partitionValues[lineage.outputKey]
            guard let value = PartitionValueType.value(raw, as: outputType), texts.contains(PartitionPath.text(value, type: outputType)) else { continue }
            alsoRemoving.insert(zip(target.layout.partitionKeys, file.partitionValues).map { PartitionPath.segment(key: $0, value: $1) }.joined(separator: "/"))
        }
        let shown = texts.map { $0 ?? "NULL" }.sorted()
        return Decision(
            rebuild: .partitions(key: outputKey, values: shown, reason: "\(what) there"), filter: filter, alsoRemoving: alsoRemoving,
            inputs: inputs)
    }

    /// The tables a bound plan scans, keyed by where they are (stable from run to run, and relative to the
    /// lake for its own tables, so a lake copied elsewhere keeps its state).
    static func sources(of plan: LogicalPlan, lake: any ObjectStore) -> [String: LakeTableSource] {
        var result: [String: LakeTableSource] = [:]
        for scan in plan.scans {
            guard let source = scan.table.source as? LakeTableSource else { continue }
            var key = source.store === lake ? source.prefix + "#" + source.name : source.identity
            // Two table functions over one folder: told apart by the files they read.
            if let other = result[key], other !== source, other.knownFiles != source.knownFiles {
                var suffix = 2
                while result[key + "#\(suffix)"] != nil { suffix += 1 }
                key += "#\(suffix)"
            }
            result[key] = source
        }
        return result
    }
}

extension ObjectListing {
    var isEmptyListing: Bool { objects.isEmpty && commonPrefixes.isEmpty }
}
