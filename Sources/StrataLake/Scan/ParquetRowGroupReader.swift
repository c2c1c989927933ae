// Reads one row group of a scan, reading as little as it can. First, an `=`/`IN` conjunct on a column
// whose chunk is wholly dictionary-encoded is checked against the dictionary page alone (fetched ahead,
// and reused for the data): no dictionary value matching means no row can. Then, with late
// materialization, the filter's columns are fetched and decoded (only the pages the page index left),
// the filter is evaluated, and the other columns are fetched and decoded only for the rows that passed —
// their pages holding none of them never fetched when the chunk has an offset index, never decoded in any
// case; their chunks never fetched when no row passed, if the filter often passes none (`FilterYield`).
// Without a filter (or with late materialization off) every column is read at once and the scan operator
// filters.
import StrataCore
import StrataFormats
import StrataPlanner

final class ParquetRowGroupReader: ScanFileReader {
    let fileIndex: Int
    private(set) var sources: [(position: Int, type: DataType)?] = []
    private(set) var appliesFilter = false

    private let work: ParquetRowGroupWork
    private let plan: LakeScanPlan
    private unowned let filter: ScanRowFilter
    private var started = false
    /// Reading every column at once.
    private var reader: RowGroupReader?
    /// Late materialization: the filter columns' passing rows and values, batch by batch, and the reader
    /// of the other columns.
    private var passed: [(rows: [Int32], columns: [Column])] = []
    private var nextPassed = 0
    private var lateReader: RowGroupReader?
    /// Every reader used, for the counters.
    private var readers: [(reader: RowGroupReader, leaves: [Int])] = []
    private var rowsDecoded = 0

    init(_ work: ParquetRowGroupWork, plan: LakeScanPlan, filter: ScanRowFilter) {
        self.work = work
        self.plan = plan
        self.filter = filter
        fileIndex = work.fileIndex
    }

    func next(maxRows: Int) throws -> Batch? {
        do {
            if !started {
                started = true
                try start(maxRows: maxRows)
            }
            if let reader {
                let batch = try plan.counters.timed(.decodeNanoseconds) { try reader.next(maxRows: maxRows) }
                if let batch { rowsDecoded += batch.count }
                return batch
            }
            guard nextPassed < passed.count else { return nil }
            let (rows, early) = passed[nextPassed]
            passed[nextPassed] = ([], [])
            nextPassed += 1
            guard let lateReader else { return Batch(columns: early, count: rows.count) }
            let late = try plan.counters.timed(.decodeNanoseconds) { try lateReader.read(selected: rows) }
            return Batch(columns: early + late.columns, count: rows.count)
        } catch let error as ParquetError {
            throw error.located(file: work.parquet.location, rowGroup: work.rowGroup)
        }
    }

    func finish(_ counters: ScanCounters) {
        counters.add(.rowsScanned, rowsDecoded)
        for (reader, leaves) in readers {
            counters.add(.bytesRead, reader.bytesRead)
            counters.add(.requests, reader.requests)
            counters.add(.pagesScanned, reader.dataPagesDecoded)
            for (position, leaf) in leaves.enumerated() {
                let chunk = reader.columns[position]
                let pages = work.offsetIndexes[leaf]?.pageLocations.count
                    ?? work.parquet.rowGroups[work.rowGroup].columns[leaf].metaData?.dataPageCount
                    ?? chunk.countDataPages() ?? chunk.dataPagesDecoded
                counters.add(.pagesTotal, pages)
            }
        }
    }

    /// Checks dictionaries, then sets up reading every column at once or runs the filter's phase.
    private func start(maxRows: Int) throws {
        let parquet = work.parquet
        var dictionaryPages = DictionaryPages()
        if plan.options.dictionary {
            guard let pages = try checkDictionaries() else {
                plan.counters.add(.rowGroupsPrunedByDictionary)
                return
            }
            dictionaryPages = pages
        }
        plan.counters.add(.rowGroupsScanned)
        if work.fileScanned.raise() { plan.counters.add(.filesScanned) }
        let present = work.columns.indices.filter { work.columns[$0] != nil }
        let early = present.filter { plan.filterSlots.contains($0) }
        let late = present.filter { !plan.filterSlots.contains($0) }
        let selection = work.selection

        guard let predicate = plan.filter, plan.options.lateMaterialization, !early.isEmpty, !late.isEmpty else {
            let leaves = present.map { work.columns[$0]!.leaf }
            sources = layout([present])
            let reader = try plan.counters.timed(.fetchNanoseconds) {
                try parquet.readRowGroup(
                    work.rowGroup, columns: leaves, selection: selection, offsetIndexes: leaves.map { work.offsetIndexes[$0] },
                    prefetched: dictionaryPages.segments)
            }
            readers.append((reader, leaves))
            self.reader = reader
            return
        }

        appliesFilter = true
        sources = layout([early, late])
        let earlySources = layout([early])
        let earlyLeaves = early.map { work.columns[$0]!.leaf }
        let lateLeaves = late.map { work.columns[$0]!.leaf }
        // The other columns are fetched after the filter only when that can skip enough of their bytes to
        // pay for the extra request: their pages are located by the offset index, or the filter often
        // passes no row, so their chunks are skipped whole. Otherwise everything is fetched at once and
        // only their decoding waits for the filter.
        let lateBytes = lateLeaves.reduce(0) { total, leaf in
            total + Int(parquet.rowGroups[work.rowGroup].columns[leaf].metaData?.totalCompressedSize ?? 0)
        }
        let pagesLocated = lateLeaves.allSatisfy { work.offsetIndexes[$0] != nil }
        let fetchLater = lateBytes >= plan.coalesceGap && (pagesLocated || plan.filterYield.oftenEmpty)
        let earlyReader: RowGroupReader
        var fetchedLate: RowGroupReader?
        if fetchLater {
            earlyReader = try plan.counters.timed(.fetchNanoseconds) {
                try parquet.readRowGroup(
                    work.rowGroup, columns: earlyLeaves, selection: selection,
                    offsetIndexes: earlyLeaves.map { work.offsetIndexes[$0] }, prefetched: dictionaryPages.segments)
            }
            readers.append((earlyReader, earlyLeaves))
        } else {
            let all = try plan.counters.timed(.fetchNanoseconds) {
                try parquet.readRowGroup(
                    work.rowGroup, columns: earlyLeaves + lateLeaves, selection: selection,
                    offsetIndexes: (earlyLeaves + lateLeaves).map { work.offsetIndexes[$0] }, prefetched: dictionaryPages.segments)
            }
            let (first, second) = all.split(at: earlyLeaves.count)
            earlyReader = first
            fetchedLate = second
            readers.append((first, earlyLeaves))
            readers.append((second, lateLeaves))
        }
        var passing: [Int32] = []
        try plan.counters.timed(.decodeNanoseconds) {
            while let batch = try earlyReader.next(maxRows: maxRows) {
                rowsDecoded += batch.count
                let selected = try filter.selectRows(where: predicate, in: batch, sources: earlySources, fileIndex: fileIndex)
                guard !selected.isEmpty else { continue }
                let start = Int32(earlyReader.batchStart)
                let rows = selected.map { start + $0 }
                let columns = selected.count == batch.count ? batch.columns : batch.columns.map { $0.gather(selected) }
                passed.append((rows, columns))
                passing += rows
                if plan.hasLimit && passing.count >= plan.remaining.load(ordering: .relaxed) { break }
            }
        }
        plan.filterYield.record(passedRows: !passing.isEmpty)
        if let fetchedLate {
            lateReader = fetchedLate
            return
        }
        guard !passing.isEmpty else { return }
        let lateSelection = passing.withUnsafeBufferPointer { RowSelection(rows: $0) }
        let lateReader = try plan.counters.timed(.fetchNanoseconds) {
            try parquet.readRowGroup(
                work.rowGroup, columns: lateLeaves, selection: lateSelection, offsetIndexes: lateLeaves.map { work.offsetIndexes[$0] })
        }
        readers.append((lateReader, lateLeaves))
        self.lateReader = lateReader
    }

    /// Sources of the read columns when the batches hold the columns of `groups` (positions in the
    /// plan's read columns) one group after another.
    private func layout(_ groups: [[Int]]) -> [(position: Int, type: DataType)?] {
        var result = [(position: Int, type: DataType)?](repeating: nil, count: plan.readColumns.count)
        var position = 0
        for group in groups {
            for slot in group {
                result[slot] = (position, work.columns[slot]!.type)
                position += 1
            }
        }
        return result
    }

    /// The dictionary pages of the chunks an `=`/`IN` conjunct reads, when those chunks are wholly
    /// dictionary-encoded; nil when one of the conjuncts matches no dictionary value (so no row).
    private func checkDictionaries() throws -> DictionaryPages? {
        let parquet = work.parquet
        var checks: [(conjunct: EqualityConjunct, slot: Int, leaf: Int)] = []
        for conjunct in plan.equalities {
            guard let slot = plan.slot(of: conjunct.column), let column = work.columns[slot], column.type != .unknown,
                parquet.rowGroups[work.rowGroup].columns[column.leaf].metaData?.isFullyDictionaryEncoded == true
            else { continue }
            checks.append((conjunct, slot, column.leaf))
        }
        guard !checks.isEmpty else { return DictionaryPages() }
        return try plan.counters.timed(.dictionaryNanoseconds) {
            let pages = try parquet.readDictionaryPages(rowGroup: work.rowGroup, columns: Array(Set(checks.map(\.leaf))).sorted())
            plan.counters.add(.bytesRead, pages.bytesRead)
            plan.counters.add(.requests, pages.requests)
            for check in checks {
                guard let dictionary = pages.dictionaries[check.leaf] else { continue }
                var sources = [(position: Int, type: DataType)?](repeating: nil, count: plan.readColumns.count)
                sources[check.slot] = (0, work.columns[check.slot]!.type)
                let batch = Batch(columns: [dictionary], count: dictionary.count)
                let matches = try filter.selectRows(
                    where: plan.overSlots(check.conjunct.conjunct), in: batch, sources: sources, fileIndex: fileIndex)
                if matches.isEmpty { return nil }
            }
            return pages
        }
    }
}
