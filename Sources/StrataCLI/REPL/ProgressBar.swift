// A progress line on standard error for statements that run longer than half a second, only when standard
// error is a terminal: files opened of those listed after partition pruning as a bar, bytes read, rows
// scanned and the time so far. A thread redraws it ten times a second from the statement's live counters;
// it is erased before the statement's output is written.
import Dispatch
import Foundation
import StrataCore
import StrataLake

#if canImport(Glibc)
import Glibc
#endif

final class ProgressBar: Sendable {
    /// Where the live counters come from: the statement's result once it exists.
    private struct Source: @unchecked Sendable {
        let statistics: () -> QueryStatistics
    }

    private struct State {
        var stopped = false
        var drawn = false
        var source: Source?
    }

    private let state = Locked(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = ContinuousClock.now

    /// Starts watching a statement; nil when standard error is not a terminal.
    static func start() -> ProgressBar? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let bar = ProgressBar()
        let thread = Thread { bar.run() }
        thread.name = "strata-progress"
        thread.start()
        return bar
    }

    /// Follows the counters of `result` from now on.
    func follow(_ result: QueryResult) {
        state.withLock { $0.source = Source(statistics: { result.currentStatistics }) }
    }

    /// Stops and erases the line; waits until the drawing thread has finished.
    func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            if !state.stopped && state.drawn { Self.write("\r\u{1B}[K") }
            return !state.stopped
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        guard wake.wait(timeout: .now() + .milliseconds(500)) == .timedOut else { return }
        repeat {
            draw()
        } while wake.wait(timeout: .now() + .milliseconds(100)) == .timedOut
    }

    private func draw() {
        state.withLock { state in
            guard !state.stopped else { return }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let text = Self.text(state.source?.statistics(), seconds: seconds)
            let width = TerminalLayout.width(of: STDERR_FILENO)
            Self.write("\r" + TerminalText.truncated(text, toWidth: width - 1) + "\u{1B}[K")
            state.drawn = true
        }
    }

    /// "▕██████▌         ▏ 3/10 files · 12.3 MB · 1.2M rows · 2.1 s", or without a bar while the
    /// number of files is not known yet.
    static func text(_ statistics: QueryStatistics?, seconds: Double) -> String {
        var parts: [String] = []
        if let statistics, statistics.filesListed > 0 {
            let opened = min(statistics.filesOpened, statistics.filesListed)
            let fraction = Double(opened) / Double(statistics.filesListed)
            parts.append(bar(fraction, cells: 20) + " \(opened)/\(statistics.filesListed) files")
        } else {
            parts.append("running")
        }
        if let statistics, statistics.bytesRead > 0 { parts.append(ByteCount.text(statistics.bytesRead)) }
        if let statistics, statistics.rowsScanned > 0 { parts.append(compact(statistics.rowsScanned) + " rows") }
        parts.append(String(format: "%.1f s", seconds))
        return parts.joined(separator: " · ")
    }

    /// A bar of `cells` characters, in eighths of a cell.
    static func bar(_ fraction: Double, cells: Int) -> String {
        let eighths = Int((fraction * Double(cells * 8)).rounded(.down))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8)
        if eighths / 8 < cells { text += partials[eighths % 8] }
        let used = eighths / 8 + (eighths % 8 == 0 || eighths / 8 >= cells ? 0 : 1)
        return "▕" + text + String(repeating: " ", count: max(0, cells - used)) + "▏"
    }

    /// 950, 12.3K, 4.5M, 7.8B.
    static func compact(_ count: Int) -> String {
        let units: [(Double, String)] = [(1e9, "B"), (1e6, "M"), (1e3, "K")]
        for (size, suffix) in units where Double(count) >= size {
            return String(format: "%.1f", Double(count) / size) + suffix
        }
        return String(count)
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
