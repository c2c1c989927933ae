// Equi-joins: builds a hash table on the right input's keys, then streams the left input through it.
// Keys compare with SQL equality (NULL matches nothing). Output rows are the left columns then the right
// columns (semi and anti joins: left columns only); a residual predicate, over that combined row, decides
// which key matches count. Matches of one probe batch are produced in chunks of the batch size, so a key
// with many matches never materializes all its pairs at once. Unmatched right rows of right and full
// joins come after the whole left input.
import StrataCore
import StrataPlanner

public final class HashJoinOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    public let kind: JoinKind
    private let probe: PhysicalOperator
    private var buildSource: PhysicalOperator?
    private var table: JoinHashTable?
    private let buildKeys: [BoundExpression]
    private let probeKeys: [BoundExpression]
    private let residual: BoundExpression?
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator
    private let probeTypes: [DataType]
    private let buildTypes: [DataType]

    /// The probe batch being joined and how far its matches have been produced.
    private var current: Batch?
    private var currentGroups: [Int32] = []
    private var cursorRow = 0
    private var cursorMatch = 0
    private var probeMatched: [Bool] = []
    /// Build rows that found a partner (right and full joins).
    private var buildMatched: [Bool] = []
    private var probeFinished = false
    private var unmatchedBuildCursor = 0
    private var finished = false

    /// A join that builds its own table from `build`.
    public convenience init(
        probe: PhysicalOperator, build: PhysicalOperator, kind: JoinKind, probeKeys: [BoundExpression],
        buildKeys: [BoundExpression], residual: BoundExpression? = nil, context: ExecutionContext
    ) throws {
        try self.init(
            probe: probe, buildSource: build, table: nil, buildTypes: build.outputTypes, kind: kind,
            probeKeys: probeKeys, buildKeys: buildKeys, residual: residual, context: context)
    }

    /// A join probing a table built beforehand (and possibly shared with other probe pipelines). Right and
    /// full joins track which build rows matched per operator, so they must not share a table.
    public convenience init(
        probe: PhysicalOperator, table: JoinHashTable, kind: JoinKind, probeKeys: [BoundExpression],
        residual: BoundExpression? = nil, context: ExecutionContext
    ) throws {
        try self.init(
            probe: probe, buildSource: nil, table: table, buildTypes: table.types, kind: kind, probeKeys: probeKeys,
            buildKeys: [], residual: residual, context: context)
        guard probeKeys.map(\.type) == table.keyTypes else {
            throw ExecutionError(.internal, "join keys \(probeKeys.map(\.type)) probe a table keyed on \(table.keyTypes)")
        }
    }

    private init(
        probe: PhysicalOperator, buildSource: PhysicalOperator?, table: JoinHashTable?, buildTypes: [DataType],
        kind: JoinKind, probeKeys: [BoundExpression], buildKeys: [BoundExpression], residual: BoundExpression?,
        context: ExecutionContext
    ) throws {
        if buildSource != nil {
            guard probeKeys.count == buildKeys.count, !probeKeys.isEmpty else {
                throw ExecutionError(.internal, "a hash join needs the same number of keys on both sides")
            }
            for (left, right) in zip(probeKeys, buildKeys) where left.type != right.type {
                throw ExecutionError(.internal, "join key types differ: \(left.type) and \(right.type)")
            }
        }
        if kind == .cross {
            throw ExecutionError(.internal, "a cross join has no keys: it is a nested-loop join")
        }
        if kind == .nullAwareAnti && (residual != nil || probeKeys.count != 1) {
            throw ExecutionError(.notSupported, "NOT IN with a correlated condition or several columns is not supported")
        }
        self.probe = probe
        self.buildSource = buildSource
        self.table = table
        self.kind = kind
        self.probeKeys = probeKeys
        self.buildKeys = buildKeys
        self.residual = residual
        self.context = context
        evaluator = ExpressionEvaluator(context: context)
        probeTypes = probe.outputTypes
        self.buildTypes = buildTypes
        outputTypes = kind.emitsLeftOnly ? probeTypes : probeTypes + buildTypes
    }

    /// The build side's table, building it first if needed: the planner reads its keys for dynamic
    /// filtering before it starts the probe side.
    public func buildTable() throws -> JoinHashTable {
        if let table { return table }
        let built = try JoinHashTable.build(from: buildSource!, keys: buildKeys, context: context)
        buildSource = nil
        table = built
        return built
    }

    public func next() throws -> Batch? {
        let table = try buildTable()
        if (kind == .right || kind == .full) && buildMatched.isEmpty && table.rowCount > 0 {
            buildMatched = [Bool](repeating: false, count: table.rowCount)
        }
        while !finished {
            try context.checkCancelled()
            if !probeFinished {
                if current == nil {
                    let advanced = try advance(table)
                    if !advanced { continue }
                }
                if let output = try produce(table), output.count > 0 { return output }
                continue
            }
            if kind == .right || kind == .full, let output = unmatchedBuildRows(table) { return output }
            finished = true
        }
        return nil
    }

    public func close() {
        probe.close()
        buildSource?.close()
        finished = true
    }

    /// Pulls the next probe batch; returns false when the probe side is done (or can be skipped).
    private func advance(_ table: JoinHashTable) throws -> Bool {
        let emptyBuild = table.rowCount == 0
        // Nothing on the right: inner, semi and right joins produce no (probe-side) rows, so the probe side
        // need not even be read; NOT IN over a right side holding NULL is never true.
        if (emptyBuild && (kind == .inner || kind == .semi || kind == .right))
            || (kind == .nullAwareAnti && table.hasNullKey)
        {
            probe.close()
            probeFinished = true
            return false
        }
        guard let batch = try probe.next() else {
            probeFinished = true
            probe.close()
            return false
        }
        current = batch
        cursorRow = 0
        cursorMatch = 0
        let keys = try probeKeys.map { try evaluator.evaluate($0, on: batch) }
        currentGroups = table.probe(keys, count: batch.count)
        if kind == .nullAwareAnti && table.rowCount > 0 {
            // A NULL probe key is unknown against a non-empty list: never emitted.
            let key = keys[0]
            if key.nullCount > 0 {
                for row in 0..<batch.count where key.isNull(row) { currentGroups[row] = -2 }
            }
        }
        probeMatched = [Bool](repeating: false, count: batch.count)
        return true
    }

    /// The next output of the current probe batch: a chunk of matches, or, once its matches are done,
    /// the rows decided by whether they matched.
    private func produce(_ table: JoinHashTable) throws -> Batch? {
        guard let batch = current else { return nil }
        let needsPairs = !(kind == .semi || kind == .anti || kind == .nullAwareAnti) || residual != nil
        if !needsPairs {
            current = nil
            var rows: [Int32] = []
            switch kind {
            case .semi: for (row, group) in currentGroups.enumerated() where group >= 0 { rows.append(Int32(row)) }
            default: for (row, group) in currentGroups.enumerated() where group == -1 { rows.append(Int32(row)) }
            }
            return rows.count == batch.count ? batch : batch.gather(rows)
        }
        if cursorRow < batch.count {
            return try matchChunk(table, batch)
        }
        current = nil
        var rows: [Int32] = []
        switch kind {
        case .left, .full, .anti:
            for row in 0..<batch.count where !probeMatched[row] { rows.append(Int32(row)) }
        case .semi:
            for row in 0..<batch.count where probeMatched[row] { rows.append(Int32(row)) }
        default:
            return nil
        }
        if rows.isEmpty { return nil }
        let probeColumns = batch.columns.map { $0.gather(rows) }
        if kind.emitsLeftOnly { return Batch(columns: probeColumns, count: rows.count) }
        let missing = [Int32](repeating: -1, count: rows.count)
        return Batch(columns: probeColumns + table.columns.map { $0.gather(missing) }, count: rows.count)
    }

    /// Up to a batch of (probe row, build row) matches, filtered by the residual predicate.
    private func matchChunk(_ table: JoinHashTable, _ batch: Batch) throws -> Batch? {
        let limit = context.batchSize
        var probeRows: [Int32] = []
        var buildRows: [Int32] = []
        probeRows.reserveCapacity(limit)
        buildRows.reserveCapacity(limit)
        table.groupStarts.withUnsafeBufferPointer { starts in
            table.groupRows.withUnsafeBufferPointer { grouped in
                while cursorRow < batch.count && probeRows.count < limit {
                    let group = Int(currentGroups[cursorRow])
                    guard group >= 0 else {
                        cursorRow += 1
                        continue
                    }
                    let start = Int(starts[group]) + cursorMatch
                    let end = Int(starts[group + 1])
                    let take = min(end - start, limit - probeRows.count)
                    for index in start..<(start + take) {
                        probeRows.append(Int32(cursorRow))
                        buildRows.append(grouped[index])
                    }
                    if start + take == end {
                        cursorRow += 1
                        cursorMatch = 0
                    } else {
                        cursorMatch += take
                    }
                }
            }
        }
        if probeRows.isEmpty { return nil }
        var probeColumns = batch.columns.map { $0.gather(probeRows) }
        var buildColumns = table.columns.map { $0.gather(buildRows) }
        var passing = probeRows.count
        if let residual {
            let combined = Batch(columns: probeColumns + buildColumns, count: probeRows.count)
            let selected = try evaluator.selectRows(where: residual, in: combined)
            if selected.count < probeRows.count {
                probeRows = selected.map { probeRows[Int($0)] }
                buildRows = selected.map { buildRows[Int($0)] }
                if !kind.emitsLeftOnly {
                    probeColumns = probeColumns.map { $0.gather(selected) }
                    buildColumns = buildColumns.map { $0.gather(selected) }
                }
                passing = selected.count
            }
        }
        for row in probeRows { probeMatched[Int(row)] = true }
        if !buildMatched.isEmpty {
            for row in buildRows { buildMatched[Int(row)] = true }
        }
        if kind.emitsLeftOnly { return nil }
        return Batch(columns: probeColumns + buildColumns, count: passing)
    }

    /// The next chunk of build rows that never matched, with NULLs for the probe columns.
    private func unmatchedBuildRows(_ table: JoinHashTable) -> Batch? {
        var rows: [Int32] = []
        while unmatchedBuildCursor < table.rowCount && rows.count < context.batchSize {
            if !buildMatched[unmatchedBuildCursor] { rows.append(Int32(unmatchedBuildCursor)) }
            unmatchedBuildCursor += 1
        }
        if rows.isEmpty { return nil }
        let probeColumns = probeTypes.map { Column.nulls($0, count: rows.count) }
        return Batch(columns: probeColumns + table.columns.map { $0.gather(rows) }, count: rows.count)
    }
}
