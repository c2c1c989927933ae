// Opens one Parquet file of a scan and decides, from metadata alone and in order of cost, which of its
// row groups are worth reading: the footer's statistics first (in the footer already read), then bloom
// filters for `=`/`IN` (one read for the file), then the page index (one read for the file), which may
// rule out every page of a row group and otherwise says which rows to read. Dictionary pages are checked
// by the row group reader, just before the row group's data is fetched.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import Synchronization

/// One row group left to read after its file's metadata pruned the others, with what was learned of it.
final class ParquetRowGroupWork: @unchecked Sendable {
    let fileIndex: Int
    let parquet: ParquetFile
    let rowGroup: Int
    /// Where each read column of the plan is in the file (nil: partition column, or missing).
    let columns: [FileColumn?]
    /// Set by the first of the file's row groups to read column data, so the file counts as scanned once.
    let fileScanned: OnceFlag
    /// The rows the page index leaves (nil: all of them).
    let selection: RowSelection?
    /// Offset indexes of the chunks to read, by leaf column.
    let offsetIndexes: [Int: OffsetIndex]

    init(
        fileIndex: Int, parquet: ParquetFile, rowGroup: Int, columns: [FileColumn?], selection: RowSelection?,
        offsetIndexes: [Int: OffsetIndex], fileScanned: OnceFlag
    ) {
        self.fileScanned = fileScanned
        self.fileIndex = fileIndex
        self.parquet = parquet
        self.rowGroup = rowGroup
        self.columns = columns
        self.selection = selection
        self.offsetIndexes = offsetIndexes
    }
}

/// A flag several threads may try to raise; exactly one succeeds.
final class OnceFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// True for the first caller only.
    func raise() -> Bool { !raised.exchange(true, ordering: .relaxed) }
}

enum ParquetFileOpener {
    /// The row groups of file `index` of the plan that metadata cannot rule out.
    static func open(_ index: Int, plan: LakeScanPlan, evaluator: ExpressionEvaluator) throws -> [ParquetRowGroupWork] {
        let source = plan.source
        let file = plan.files[index]
        let counters = plan.counters
        let location = source.store.location(of: file.key)
        var readOptions = ParquetReadOptions()
        readOptions.coalesceGap = plan.coalesceGap
        let (parquet, opened): (ParquetFile, Bool)
        do {
            (parquet, opened) = try counters.timed(.footerNanoseconds) {
                try source.openParquet(file, options: readOptions) { try plan.footers?.tail(of: index, plan: plan) }
            }
        } catch let error as ParquetError {
            throw error.located(file: location)
        }
        counters.usedFooter(of: file.key, rowGroups: parquet.rowGroups.count)
        if opened {
            counters.add(.bytesRead, parquet.openBytesRead)
            counters.add(.requests, parquet.openRequests)
        }
        let columns = try plan.columnSources(
            fileSchema: parquet.schema.engineSchema, leaves: parquet.schema.readableColumnIndices, location: location)
        var survivors = parquet.rowGroups.indices.filter { parquet.rowGroups[$0].numRows > 0 }
        let options = plan.options

        if options.statistics, let predicate = plan.pruning, !survivors.isEmpty {
            let keep = try counters.timed(.statisticsNanoseconds) {
                try rowGroupStatistics(parquet, survivors, predicate: predicate, columns: columns, fileIndex: index, plan: plan)
                    .keep(predicate, evaluator: evaluator)
            }
            let before = survivors.count
            survivors = survivors.indices.filter { keep[$0] }.map { survivors[$0] }
            counters.add(.rowGroupsPrunedByStatistics, before - survivors.count)
        }

        if options.bloom, !plan.equalities.isEmpty, !survivors.isEmpty {
            let before = survivors.count
            survivors = try counters.timed(.bloomNanoseconds) {
                try bloomSurvivors(parquet, survivors, columns: columns, plan: plan)
            }
            counters.add(.rowGroupsPrunedByBloomFilter, before - survivors.count)
        }

        var selections: [Int: RowSelection] = [:]
        var offsetIndexes: [Int: [Int: OffsetIndex]] = [:]
        if options.pageIndex, !survivors.isEmpty {
            let before = survivors.count
            try counters.timed(.pageIndexNanoseconds) {
                (selections, offsetIndexes) = try pageIndexes(
                    parquet, survivors, columns: columns, fileIndex: index, plan: plan, evaluator: evaluator)
            }
            survivors = survivors.filter { selections[$0]?.isEmpty != true }
            counters.add(.rowGroupsPrunedByPageIndex, before - survivors.count)
        }

        let fileScanned = OnceFlag()
        return survivors.map { rowGroup in
            let selection = selections[rowGroup].flatMap { $0.rowCount < Int(parquet.rowGroups[rowGroup].numRows) ? $0 : nil }
            return ParquetRowGroupWork(
                fileIndex: index, parquet: parquet, rowGroup: rowGroup, columns: columns, selection: selection,
                offsetIndexes: offsetIndexes[rowGroup] ?? [:], fileScanned: fileScanned)
        }
    }

    /// A predicate column as one file holds it.
    private enum Resolved {
        case partition(Value, DataType)
        case missing
        case leaf(FileColumn)
    }

    private static func resolve(_ column: Int, columns: [FileColumn?], fileIndex: Int, plan: LakeScanPlan) -> Resolved {
        if column >= plan.partitionStart {
            return .partition(plan.partitionValues[fileIndex][column - plan.partitionStart], plan.tableFields[column].type)
        }
        guard let slot = plan.slot(of: column), let fileColumn = columns[slot], fileColumn.type != .unknown else { return .missing }
        return .leaf(fileColumn)
    }

    /// The footer's statistics of `rowGroups`, for the predicate's columns.
    private static func rowGroupStatistics(
        _ parquet: ParquetFile, _ rowGroups: [Int], predicate: PruningPredicate, columns: [FileColumn?], fileIndex: Int,
        plan: LakeScanPlan
    ) throws -> PruningStatistics {
        var statistics = PruningStatistics(predicate: predicate, rowCounts: rowGroups.map { parquet.rowGroups[$0].numRows })
        for (k, column) in predicate.columns.enumerated() {
            switch resolve(column, columns: columns, fileIndex: fileIndex, plan: plan) {
            case .partition(let value, let type):
                statistics.setConstant(k, value, type: type)
            case .missing:
                statistics.setAllNull(k)
            case .leaf(let fileColumn):
                let descriptor = parquet.schema.columns[fileColumn.leaf]
                let order = columnOrder(parquet, fileColumn.leaf)
                for (container, rowGroup) in rowGroups.enumerated() {
                    let (bounds, nulls) = chunkStatistics(parquet, rowGroup: rowGroup, descriptor: descriptor, order: order)
                    statistics.set(k, container: container, bounds: bounds, nullCount: nulls, type: fileColumn.type)
                }
            }
        }
        return statistics
    }

    static func columnOrder(_ parquet: ParquetFile, _ leaf: Int) -> ColumnOrder? {
        guard let orders = parquet.metadata.columnOrders, leaf < orders.count else { return nil }
        return orders[leaf]
    }

    /// A chunk's trusted bounds and null count (0 for a required column).
    static func chunkStatistics(_ parquet: ParquetFile, rowGroup: Int, descriptor: ColumnDescriptor, order: ColumnOrder?)
        -> (StatisticsBounds, Int64?)
    {
        let statistics = parquet.rowGroups[rowGroup].columns[descriptor.index].metaData?.statistics
        let bounds = statistics.map { descriptor.bounds($0, order: order) } ?? .unknown
        var nulls = statistics?.nullCount
        if let count = nulls, count < 0 || count > parquet.rowGroups[rowGroup].numRows { nulls = nil }
        if descriptor.maxDefinitionLevel == 0 { nulls = 0 }
        return (bounds, nulls)
    }

    /// The row groups whose bloom filters do not rule out an equality conjunct's every value.
    private static func bloomSurvivors(_ parquet: ParquetFile, _ rowGroups: [Int], columns: [FileColumn?], plan: LakeScanPlan) throws
        -> [Int]
    {
        var checks: [(conjunct: EqualityConjunct, leaf: Int)] = []
        for conjunct in plan.equalities {
            guard let slot = plan.slot(of: conjunct.column), let fileColumn = columns[slot], fileColumn.type != .unknown else { continue }
            checks.append((conjunct, fileColumn.leaf))
        }
        var chunks: [ChunkID] = []
        for rowGroup in rowGroups {
            for check in checks where parquet.rowGroups[rowGroup].columns[check.leaf].metaData?.bloomFilterOffset != nil {
                chunks.append(ChunkID(rowGroup: rowGroup, column: check.leaf))
            }
        }
        guard !chunks.isEmpty else { return rowGroups }
        let (filters, bytes, requests) = try parquet.readBloomFilters(chunks)
        plan.counters.add(.bytesRead, bytes)
        plan.counters.add(.requests, requests)
        var byChunk: [ChunkID: SplitBlockBloomFilter] = [:]
        for (chunk, filter) in zip(chunks, filters) where filter != nil { byChunk[chunk] = filter }
        return rowGroups.filter { rowGroup in
            for check in checks {
                guard let filter = byChunk[ChunkID(rowGroup: rowGroup, column: check.leaf)] else { continue }
                let descriptor = parquet.schema.columns[check.leaf]
                let anyPresent = check.conjunct.values.contains { value in
                    switch descriptor.bloomProbe(value, type: check.conjunct.valueType) {
                    case .absent: return false
                    case .unknown: return true
                    case .hashes(let hashes): return hashes.contains { filter.mightContain(hash: $0) }
                    }
                }
                if !anyPresent { return false }
            }
            return true
        }
    }

    /// The page indexes of the surviving row groups, read together: the rows each row group's column
    /// indexes leave, and the offset indexes of the chunks to read (which let the reader fetch only
    /// pages holding wanted rows).
    private static func pageIndexes(
        _ parquet: ParquetFile, _ rowGroups: [Int], columns: [FileColumn?], fileIndex: Int, plan: LakeScanPlan,
        evaluator: ExpressionEvaluator
    ) throws -> (selections: [Int: RowSelection], offsetIndexes: [Int: [Int: OffsetIndex]]) {
        let predicateLeaves: [Int] = plan.pruning?.columns.compactMap { column in
            if case .leaf(let fileColumn) = resolve(column, columns: columns, fileIndex: fileIndex, plan: plan) { return fileColumn.leaf }
            return nil
        } ?? []
        // A column index says more than the chunk's statistics only for a chunk of several pages.
        var wantColumnIndexes: [ChunkID] = []
        for rowGroup in rowGroups {
            for leaf in predicateLeaves where parquet.hasPageIndex(ChunkID(rowGroup: rowGroup, column: leaf)) {
                let pages = parquet.rowGroups[rowGroup].columns[leaf].metaData?.dataPageCount
                if pages.map({ $0 > 1 }) ?? true { wantColumnIndexes.append(ChunkID(rowGroup: rowGroup, column: leaf)) }
            }
        }
        // Offset indexes pay when pages may be skipped: the column indexes may leave only some rows, or
        // the filter may, in a row group whose other columns are worth fetching after it (see
        // `ParquetRowGroupReader`).
        let filterSlots = plan.filterSlots
        let lateLeaves = columns.indices.filter { !filterSlots.contains($0) }.compactMap { columns[$0]?.leaf }
        let filterSelects = plan.filterReadsData && plan.options.lateMaterialization && rowGroups.contains { rowGroup in
            lateLeaves.reduce(0) { $0 + Int(parquet.rowGroups[rowGroup].columns[$1].metaData?.totalCompressedSize ?? 0) } >= plan.coalesceGap
        }
        guard !wantColumnIndexes.isEmpty || filterSelects else { return ([:], [:]) }
        let readLeaves = Set(columns.compactMap { $0?.leaf })
        var wantOffsetIndexes: [ChunkID] = []
        for rowGroup in rowGroups {
            for leaf in readLeaves.sorted() where parquet.columnChunk(rowGroup: rowGroup, column: leaf).offsetIndexOffset != nil {
                wantOffsetIndexes.append(ChunkID(rowGroup: rowGroup, column: leaf))
            }
        }
        guard !wantColumnIndexes.isEmpty || !wantOffsetIndexes.isEmpty else { return ([:], [:]) }
        let indexes = try parquet.readPageIndexes(columnIndexes: wantColumnIndexes, offsetIndexes: wantOffsetIndexes)
        plan.counters.add(.bytesRead, indexes.bytesRead)
        plan.counters.add(.requests, indexes.requests)
        var offsetIndexes: [Int: [Int: OffsetIndex]] = [:]
        for (chunk, index) in indexes.offsetIndexes { offsetIndexes[chunk.rowGroup, default: [:]][chunk.column] = index }
        var selections: [Int: RowSelection] = [:]
        guard let predicate = plan.pruning else { return (selections, offsetIndexes) }
        for rowGroup in rowGroups {
            let rowCount = Int(parquet.rowGroups[rowGroup].numRows)
            var anyIndex = false
            var statistics: [PageIndexPruner.ColumnStatistics] = []
            for column in predicate.columns {
                switch resolve(column, columns: columns, fileIndex: fileIndex, plan: plan) {
                case .partition(let value, let type):
                    statistics.append(.constant(value, type))
                case .missing:
                    statistics.append(.allNull)
                case .leaf(let fileColumn):
                    let descriptor = parquet.schema.columns[fileColumn.leaf]
                    let order = columnOrder(parquet, fileColumn.leaf)
                    let (bounds, nulls) = chunkStatistics(parquet, rowGroup: rowGroup, descriptor: descriptor, order: order)
                    let chunk = ChunkID(rowGroup: rowGroup, column: fileColumn.leaf)
                    var index: (columns: ColumnIndex, offsets: OffsetIndex)?
                    if let columnIndex = indexes.columnIndexes[chunk], let offsetIndex = indexes.offsetIndexes[chunk],
                        PageIndexPruner.isConsistent(columnIndex, offsetIndex, rowCount: rowCount)
                    {
                        index = (columnIndex, offsetIndex)
                        anyIndex = true
                    }
                    statistics.append(
                        .leaf(descriptor: descriptor, order: order, type: fileColumn.type, chunk: bounds, chunkNulls: nulls, index: index))
                }
            }
            guard anyIndex else { continue }
            selections[rowGroup] = try PageIndexPruner.selection(
                predicate: predicate, rowCount: rowCount, columns: statistics, evaluator: evaluator)
        }
        return (selections, offsetIndexes)
    }
}
