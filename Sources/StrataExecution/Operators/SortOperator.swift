// ORDER BY: gathers the input, sorts row numbers by normalized keys (stable; strings by bytes; NULLS
// FIRST/LAST per key), then emits the rows in order a batch at a time.
//
// When the rows outgrow the statement's memory budget, the gathered rows are sorted and written to disk as
// a run, and gathering starts again; at the end the runs (and the last one, kept in memory) are merged.
// More runs than can be merged at once are first merged in groups into longer runs.
import StrataCore
import StrataFormats
import StrataPlanner

public final class SortOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let keys: SortKeyEvaluator
    private let context: ExecutionContext
    private let memory: MemoryReservation
    private var buffered: [Batch] = []
    private var bufferedBytes = 0
    private var spill: SpillArea?
    /// Spill files holding sorted runs, oldest rows first.
    private var runFiles: [Int] = []
    /// Sorted runs written to disk from the input (not counting runs merged from them).
    public private(set) var spilledRuns = 0
    private var output: SortedRunMerger?
    /// The sorted rows when everything fit in memory.
    private var sorted: MemoryRun?
    private var inputSorted = false

    /// Runs merged at once: each holds a batch in memory while merging.
    static let mergeWidth = 32

    public init(child: PhysicalOperator, keys: [SortKey], context: ExecutionContext) {
        self.child = child
        self.context = context
        outputTypes = child.outputTypes
        self.keys = SortKeyEvaluator(keys: keys, inputTypes: child.outputTypes, context: context)
        memory = context.reserveMemory(for: "ORDER BY")
    }

    public func next() throws -> Batch? {
        if !inputSorted {
            try sortInput()
            inputSorted = true
        }
        try context.checkCancelled()
        if let batch = try (sorted?.next() ?? output?.next()) { return keys.strip(batch) }
        finish()
        return nil
    }

    public func close() {
        child.close()
        finish()
    }

    /// Lets go of the rows, the runs and the memory once every row was emitted.
    private func finish() {
        buffered = []
        sorted = nil
        output = nil
        spill?.remove()
        spill = nil
        memory.release()
    }

    private var extendedTypes: [DataType] { keys.extendedTypes(outputTypes) }

    private func sortInput() throws {
        while let batch = try child.next() {
            try context.checkCancelled()
            guard batch.count > 0 else { continue }
            let extended = try keys.extend(batch)
            buffered.append(extended)
            bufferedBytes += extended.memoryBytes
            // Sorting holds the rows twice for a moment: the batches and their concatenation.
            if !memory.tryResize(to: 2 * bufferedBytes) { try spillRun() }
        }
        child.close()
        let last = sortBuffered()
        guard spill != nil else {
            sorted = last
            return
        }
        while runFiles.count + 1 > SortOperator.mergeWidth { try mergeOldestRuns() }
        var runs: [SortedRun] = try runFiles.map { SpilledRun(try spill!.reader($0)!) }
        if let last { runs.append(last) }
        output = try merger(runs)
    }

    /// The buffered rows as a sorted run in memory (nil when there are none).
    private func sortBuffered() -> MemoryRun? {
        guard !buffered.isEmpty else { return nil }
        let all = Batch.concatenate(buffered, types: extendedTypes)
        buffered = []
        return MemoryRun(batch: all, order: keys.order(all), batchSize: context.batchSize)
    }

    /// Sorts the buffered rows and writes them to disk as the newest run.
    private func spillRun() throws {
        guard let run = sortBuffered() else { return }
        runFiles.append(try write(run))
        spilledRuns += 1
        bufferedBytes = 0
        _ = memory.tryResize(to: 0)
    }

    /// Merges the oldest runs into one, which takes their place as the oldest.
    private func mergeOldestRuns() throws {
        let area = try spillArea()
        let oldest = Array(runFiles.prefix(SortOperator.mergeWidth))
        let merged = try merger(try oldest.map { SpilledRun(try area.reader($0)!) })
        runFiles = [try write(merged)] + runFiles.dropFirst(oldest.count)
    }

    /// Writes `run` to a spill file of its own and returns the file's number.
    private func write(_ run: SortedRun) throws -> Int {
        let area = try spillArea()
        let file = area.fileCount
        while let batch = try run.next() {
            try context.checkCancelled()
            try area.write(batch, file: file)
        }
        return file
    }

    private func merger(_ runs: [SortedRun]) throws -> SortedRunMerger {
        try SortedRunMerger(
            runs: runs, types: extendedTypes, keyPositions: keys.keyPositions, directions: keys.directions,
            batchSize: context.batchSize)
    }

    private func spillArea() throws -> SpillArea {
        if let spill { return spill }
        let fields = extendedTypes.enumerated().map { Field("c\($0.offset)", $0.element) }
        // Merging holds a row group of every run at once.
        let area = try SpillArea(
            schema: Schema(fields), rowGroupBytes: SpillArea.rowGroupBytes(budget: context.memory.limit, openFiles: SortOperator.mergeWidth),
            directory: context.spillDirectory)
        spill = area
        return area
    }
}
