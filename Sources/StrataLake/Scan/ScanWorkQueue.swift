// The files (and row groups) of one scan, handed out to its pipelines as they become free, so both
// cores stay busy whether a table is many small files or a few large ones.
import StrataFormats
import Synchronization

final class ScanWorkQueue: Sendable {
    enum Unit: @unchecked Sendable {
        /// A file not opened yet (an index into the scan's files).
        case file(Int)
        /// One row group of a file another pipeline opened and split.
        case rowGroup(file: Int, parquet: ParquetFile, rowGroup: Int)
    }

    private let state: Mutex<(pending: [Unit], stopped: Bool)>

    init(fileCount: Int) {
        state = Mutex((pending: (0..<fileCount).reversed().map { Unit.file($0) }, stopped: false))
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
