// `strata` and `strata repl`: an interactive SQL session on a lake. At a terminal it edits lines with
// readline; otherwise (`strata < script.sql`, `echo "SELECT 1;" | strata`) it runs its input in batch
// mode and exits non-zero at the first error.
import ArgumentParser
import Foundation
import StrataLake

#if canImport(Glibc)
import Glibc
#endif

public struct REPLCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start an interactive SQL session on the lake (what `strata` alone does).",
        discussion: """
            Statements end with ';' and may span lines. Lines starting with '.' are commands: .help lists them (.tables, .schema T, .partitions T, .mode, .output, .read, .timer, .lake, .stats, .quit). Tab completes keywords, tables, columns, functions and file paths in quotes. Ctrl-C cancels the running statement or clears the line; Ctrl-D leaves. History is kept in ~/.strata_history.

            When standard input is not a terminal, the statements and commands it holds run in order (batch mode); the first error ends the session with exit status 1 (130 after Ctrl-C).

            Examples:
              strata
              strata repl --lake s3://data-lake
              strata --lake ./lake < reports/weekly.sql
              echo "SELECT count(*) FROM silver.events;" | strata --format csv
            """)

    @OptionGroup var lakeOptions: LakeOptions

    @Option(help: "How results are printed at first: table, csv, json, ndjson, markdown or line (.mode changes it).")
    var format: ResultMode = .table

    public init() {}

    public func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1
        let session: LakeSession
        do {
            session = try lakeOptions.makeSession()
        } catch {
            CommandFailure.warn(CommandFailure.message(for: error, source: nil))
            throw ExitCode.failure
        }
        let repl = REPLSession(session: session, interactive: interactive, mode: format, sourceName: interactive ? nil : "stdin")
        InterruptMonitor.shared.install(whenIdle: interactive ? .wakeEditor : .exit)
        if interactive {
            runInteractive(repl)
        } else {
            try runBatch(repl)
        }
    }

    private func runInteractive(_ repl: REPLSession) {
        let editor = LineEditor(completer: SQLCompleter(source: repl.completionSource), history: HistoryFile.standard())
        defer { editor.close() }
        repl.remember = { editor.remember($0) }
        var lake = repl.session.location.description
        if case .local(let path) = repl.session.location, !FileManager.default.fileExists(atPath: path) {
            lake += " (no such folder yet)"
        }
        print("Strata \(StrataVersion.current) · lake \(lake) · .help for help, Ctrl-D to leave")
        while true {
            editor.pendingText = repl.pendingText
            switch editor.read(prompt: repl.prompt) {
            case .line(let line):
                if repl.handle(line: line) == .quit { return }
            case .interrupted:
                repl.dropPending()
            case .endOfInput:
                return
            }
        }
    }

    private func runBatch(_ repl: REPLSession) throws {
        while let line = readLine(strippingNewline: true) {
            switch repl.handle(line: line) {
            case .ok:
                // A Ctrl-C as a statement ended (or during a dot command) still ends the session.
                if InterruptMonitor.shared.interrupted { throw ExitCode(130) }
            case .quit: return
            case .failed: throw InterruptMonitor.shared.interrupted ? ExitCode(130) : ExitCode.failure
            }
        }
        if repl.finish() == .failed {
            throw InterruptMonitor.shared.interrupted ? ExitCode(130) : ExitCode.failure
        }
    }
}
