// Merges sorted runs into one sorted stream: a binary heap of the runs' current rows, ordered by the sort
// keys and, among equal keys, by the run's age, so the merge is as stable as the sort that made the runs
// (older runs hold earlier input rows). Rows that come before every other run's current row are taken
// without a trip through the heap.
import StrataCore

/// Rows in key order, a batch at a time: one sorted run.
protocol SortedRun: AnyObject {
    func next() throws -> Batch?
}

/// A sorted run held in memory: rows of `batch` in `order`.
final class MemoryRun: SortedRun {
    private let batch: Batch
    private let order: [Int32]
    private let batchSize: Int
    private var position = 0

    init(batch: Batch, order: [Int32], batchSize: Int) {
        self.batch = batch
        self.order = order
        self.batchSize = batchSize
    }

    func next() throws -> Batch? {
        guard position < order.count else { return nil }
        let end = min(position + batchSize, order.count)
        defer { position = end }
        return batch.gather(Array(order[position..<end]))
    }
}

/// A sorted run read back from a spill file.
final class SpilledRun: SortedRun {
    private let reader: SpillReader

    init(_ reader: SpillReader) { self.reader = reader }

    func next() throws -> Batch? { try reader.next() }
}

final class SortedRunMerger: SortedRun {
    /// One run's current batch and row.
    private struct Cursor {
        let run: SortedRun
        var batch: Batch
        var keys: [ColumnView]
        var row = 0
    }

    private let types: [DataType]
    private let keyPositions: [Int]
    private let comparator: RowComparator
    private let batchSize: Int
    /// Indexed by age: cursor 0 is the oldest run. Nil once a run is exhausted.
    private var cursors: [Cursor?] = []
    /// Cursor numbers, a min-heap by (current row's keys, age).
    private var heap: [Int] = []

    /// Merges `runs`, oldest first, whose batches have columns of `types` with the sort keys at `keyPositions`.
    init(runs: [SortedRun], types: [DataType], keyPositions: [Int], directions: [SortDirection], batchSize: Int) throws {
        self.types = types
        self.keyPositions = keyPositions
        comparator = RowComparator(directions: directions)
        self.batchSize = batchSize
        for run in runs {
            cursors.append(try SortedRunMerger.cursor(run, keyPositions: keyPositions))
        }
        for index in cursors.indices where cursors[index] != nil { push(index) }
    }

    /// The next batch of merged rows, or nil when every run is exhausted.
    func next() throws -> Batch? {
        guard !heap.isEmpty else { return nil }
        // The rows taken from each source batch, and for each output row where it is among them: a few
        // gathers per output batch, whatever the interleaving of the runs.
        var sources: [Batch] = []
        var sourceRows: [[Int32]] = []
        var placement: [(source: Int32, position: Int32)] = []
        var sourceOfCursor = [Int?](repeating: nil, count: cursors.count)
        while placement.count < batchSize, let smallest = heap.first {
            // Take rows from the smallest run while they stay below every other run's current row.
            var cursor = cursors[smallest]!
            let source: Int
            if let known = sourceOfCursor[smallest] {
                source = known
            } else {
                source = sources.count
                sources.append(cursor.batch)
                sourceRows.append([])
                sourceOfCursor[smallest] = source
            }
            let runnerUp = secondSmallest()
            var row = cursor.row
            repeat {
                placement.append((Int32(source), Int32(sourceRows[source].count)))
                sourceRows[source].append(Int32(row))
                row += 1
            } while row < cursor.batch.count && placement.count < batchSize
                && runnerUp.map { precedes(cursor, row, smallest, $0) } ?? true
            cursor.row = row
            if cursor.row == cursor.batch.count {
                cursors[smallest] = try SortedRunMerger.cursor(cursor.run, keyPositions: keyPositions)
                sourceOfCursor[smallest] = nil
            } else {
                cursors[smallest] = cursor
            }
            popFirst()
            if cursors[smallest] != nil { push(smallest) }
        }
        if sources.count == 1 { return sources[0].gather(sourceRows[0]) }
        let gathered = zip(sources, sourceRows).map { $0.gather($1) }
        var starts: [Int32] = []
        var start: Int32 = 0
        for batch in gathered {
            starts.append(start)
            start += Int32(batch.count)
        }
        return Batch.concatenate(gathered, types: types).gather(placement.map { starts[Int($0.source)] + $0.position })
    }

    /// A cursor on the run's next non-empty batch, or nil when the run is exhausted.
    private static func cursor(_ run: SortedRun, keyPositions: [Int]) throws -> Cursor? {
        while let batch = try run.next() {
            if batch.count > 0 {
                return Cursor(run: run, batch: batch, keys: keyPositions.map { ColumnView(batch.columns[$0]) })
            }
        }
        return nil
    }

    /// Whether row `row` of `cursor` (run `age`) comes before the current row of run `other`.
    private func precedes(_ cursor: Cursor, _ row: Int, _ age: Int, _ other: Int) -> Bool {
        let rival = cursors[other]!
        let order = comparator.compare(cursor.keys, row, rival.keys, rival.row)
        return order != 0 ? order < 0 : age < other
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        precedes(cursors[a]!, cursors[a]!.row, a, b)
    }

    /// The run whose current row comes second, if more than one run is left.
    private func secondSmallest() -> Int? {
        switch heap.count {
        case 0, 1: return nil
        case 2: return heap[1]
        default: return less(heap[1], heap[2]) ? heap[1] : heap[2]
        }
    }

    private func push(_ index: Int) {
        heap.append(index)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && less(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
