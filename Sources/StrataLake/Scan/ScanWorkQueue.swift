// The files (and row groups) of one scan, handed out to its pipelines as they become free, so both
// cores stay busy whether a table is many small files or a few large ones.
import StrataCore

final class ScanWorkQueue: Sendable {
    enum Unit: @unchecked Sendable {
        /// A file not opened yet (an index into the scan's files).
        case file(Int)
        /// One row group of a file a pipeline opened and pruned.
        case rowGroup(ParquetRowGroupWork)
    }

    private let state = Locked<(pending: [Unit], stopped: Bool)>(([], false))

    init() {}

    /// Queues the scan's files, once they are listed.
    func fill(fileCount: Int) {
        state.withLock { state in state.pending = (0..<fileCount).reversed().map { Unit.file($0) } }
    }

    func next() -> Unit? {
        state.withLock { state in
            state.stopped ? nil : state.pending.popLast()
        }
    }

    /// Hands row groups of an opened file to whichever pipeline is free next.
    func share(_ units: [Unit]) {
        state.withLock { state in state.pending.append(contentsOf: units.reversed()) }
    }

    /// Stops handing out work (a LIMIT was reached).
    func stop() {
        state.withLock { state in state.stopped = true }
    }
}
