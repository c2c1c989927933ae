// The REPL's state and what it does with each line of input, whether typed at the prompt, piped in
// (batch mode) or read by `.read`: dot commands where a statement could start, otherwise SQL collected
// until a `;` ends it, then run statement by statement with its result printed in the current mode and a
// summary line after it. A failed statement is reported with its line and a caret; the caller decides
// whether the session goes on (interactive) or ends (batch).
import Foundation
import StrataCore
import StrataExecution
import StrataLake
import StrataSQL
import StrataStorage

final class REPLSession {
    enum Outcome: Equatable {
        case ok
        case failed
        case quit
    }

    private(set) var session: LakeSession
    /// Whether a person is typing (the prompt, summaries after every statement, errors without exiting).
    let interactive: Bool
    var mode: ResultMode
    var timer: Bool
    var maxRows = 40
    let completionSource: LakeCompletionSource
    /// Called with each statement text and dot command typed at the top level, for the history.
    var remember: ((String) -> Void)?

    private let canceller: SessionCanceller
    private var standardOutput = OutputWriter()
    private var fileOutput: OutputWriter?
    private var pending = ""
    /// Where the input comes from (nil: typed), and the line the pending statement starts on.
    private var sourceName: String?
    private var lineNumber = 0
    private var pendingStartLine = 1
    private var readDepth = 0
    private var lastQuery: (statistics: QueryStatistics, rows: Int)?

    init(session: LakeSession, interactive: Bool, mode: ResultMode, sourceName: String?) {
        self.session = session
        self.interactive = interactive
        self.mode = mode
        self.sourceName = sourceName
        timer = interactive
        completionSource = LakeCompletionSource(session: session)
        canceller = SessionCanceller(session)
    }

    var prompt: String { pending.isEmpty ? "strata> " : "   ...> " }

    /// The statement typed so far on earlier lines.
    var pendingText: String { pending }

    // MARK: Input

    /// Handles one line of input; Ctrl-C meanwhile cancels the running statement and what follows it.
    func handle(line: String) -> Outcome {
        InterruptMonitor.shared.whileRunning(cancel: canceller.cancel) { process(line) }
    }

    /// The input ended: runs a last statement that lacks its `;`.
    func finish() -> Outcome {
        guard !StatementInput.isBlank(pending) else { return .ok }
        let text = pending
        pending = ""
        return InterruptMonitor.shared.whileRunning(cancel: canceller.cancel) { execute(text, startLine: pendingStartLine) }
    }

    /// Ctrl-C at the prompt: the statement being typed is dropped.
    func dropPending() {
        pending = ""
    }

    private func process(_ line: String) -> Outcome {
        lineNumber += 1
        if pending.isEmpty {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(".") {
                if readDepth == 0 { remember?(trimmed) }
                return runDotCommand(trimmed)
            }
            if readDepth == 0 && interactive && ["exit", "quit", "\\q"].contains(trimmed.lowercased()) { return .quit }
            if StatementInput.isBlank(line) { return .ok }
            pendingStartLine = lineNumber
        }
        pending += pending.isEmpty ? line : "\n" + line
        guard let (complete, rest) = StatementInput.split(pending) else { return .ok }
        let startLine = pendingStartLine
        pending = StatementInput.isBlank(rest) ? "" : rest.drop(while: { $0 == " " || $0 == "\t" }).description
        pendingStartLine = lineNumber
        if readDepth == 0 { remember?(complete) }
        return execute(complete, startLine: startLine)
    }

    // MARK: Statements

    /// Runs the statements of `text`, stopping at the first that fails or at Ctrl-C.
    private func execute(_ text: String, startLine: Int) -> Outcome {
        defer { completionSource.forget() }
        let statements: [Statement]
        do {
            statements = try SQLParser.parse(text)
        } catch {
            report(error, source: text, line: startLine)
            return .failed
        }
        for statement in statements {
            if InterruptMonitor.shared.interrupted { return .failed }
            do {
                try run(statement)
            } catch {
                let line = startLine + SourceLocation(offset: statement.range.lowerBound, in: Array(text.utf8)).line - 1
                report(error, source: text, line: line)
                return .failed
            }
        }
        return .ok
    }

    private func run(_ statement: Statement) throws {
        let started = ContinuousClock.now
        let progress = ProgressBar.start()
        defer { progress?.stop() }
        let result = try session.run(statement)
        // A Ctrl-C that came while the statement was being set up, before it could be cancelled.
        if InterruptMonitor.shared.interrupted { session.cancelCurrentStatement() }
        let terminal = outputTerminal
        switch result {
        case .rows(let rows):
            progress?.follow(rows)
            var printer = mode.printer(for: Schema(rows.schema), terminal: terminal)
            var count = 0
            do {
                write(printer.header())
                while let batch = try rows.next() {
                    count += batch.count
                    let text = printer.rows(batch)
                    guard !text.isEmpty else { continue }
                    if fileOutput == nil { progress?.stop() }
                    write(text)
                }
            } catch {
                rows.close()
                flush()
                throw error
            }
            progress?.stop()
            write(printer.footer())
            flush()
            let statistics = rows.statistics
            lastQuery = (statistics, count)
            for warning in statistics.warnings { CommandFailure.warn("warning: " + warning) }
            summarize(rows: count, columns: rows.schema.count, shown: printer.shown, started: started, statistics: statistics)
        case .text(let text):
            progress?.stop()
            write(text.hasSuffix("\n") ? text : text + "\n")
            flush()
            summarize(started: started)
        case .message(let message):
            progress?.stop()
            summarize(message: message, started: started)
        }
    }

    /// The terminal results are drawn for: standard output when it is one and no `.output` file is set.
    private var outputTerminal: TerminalLayout? {
        guard fileOutput == nil, var terminal = standardOutput.terminal else { return nil }
        terminal.width = TerminalLayout.width(of: STDOUT_FILENO)
        terminal.maxRows = maxRows
        terminal.showsRowCount = !showsSummary
        return terminal
    }

    /// Summaries follow every statement at the prompt; in batch mode only with `.timer on`.
    private var showsSummary: Bool { interactive || timer }

    private func summarize(
        message: String? = nil, rows: Int? = nil, columns: Int = 0, shown: BoxTable.Shown? = nil, started: ContinuousClock.Instant,
        statistics: QueryStatistics? = nil
    ) {
        guard showsSummary || message != nil else { return }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var parts: [String] = []
        if let message { parts.append(message) }
        if showsSummary {
            let line = StatementSummary.line(
                rows: rows, columns: columns, shown: shown, seconds: timer ? seconds : nil, statistics: statistics)
            if !line.isEmpty { parts.append(line) }
        }
        guard !parts.isEmpty else { return }
        let text = parts.joined(separator: " · ")
        say(standardOutput.terminal?.dim(text) ?? text)
    }

    // MARK: Output

    private func write(_ text: String) {
        guard !text.isEmpty else { return }
        if fileOutput != nil { fileOutput!.write(text) } else { standardOutput.write(text) }
    }

    private func flush() {
        if fileOutput != nil { fileOutput!.flush() } else { standardOutput.flush() }
    }

    /// A line for the person at the screen, wherever results go.
    private func say(_ text: String) {
        standardOutput.write(text + "\n")
        standardOutput.flush()
    }

    private func report(_ error: Error, source: String, line: Int) {
        let message = CommandFailure.message(for: error, source: source)
        if interactive && readDepth == 0 {
            let cancelled = (error as? ExecutionError)?.code == .cancelled
            FileHandle.standardError.write(Data(((cancelled ? "" : "Error: ") + message + "\n").utf8))
        } else {
            CommandFailure.warn("\(sourceName ?? "input"): the statement at line \(line) failed:")
            CommandFailure.warn(message)
        }
    }

    private func reportCommand(_ message: String) {
        if interactive && readDepth == 0 {
            FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
        } else {
            CommandFailure.warn("\(sourceName ?? "input"), line \(lineNumber): \(message)")
        }
    }

    // MARK: Dot commands

    private func runDotCommand(_ line: String) -> Outcome {
        do {
            switch try DotCommand.parse(line) {
            case .help:
                say(DotCommand.helpText)
            case .tables(let pattern):
                try listTables(like: pattern)
            case .schema(let table?):
                return execute("SHOW CREATE TABLE \(table);", startLine: lineNumber)
            case .schema(nil):
                for table in try session.catalog.tableLocations() {
                    if execute("SHOW CREATE TABLE \(table.name);", startLine: lineNumber) == .failed { return .failed }
                }
            case .partitions(let table):
                return execute("SHOW PARTITIONS \(table);", startLine: lineNumber)
            case .mode(let newMode?):
                mode = newMode
            case .mode(nil):
                say("mode \(mode.rawValue)")
            case .output(let path?):
                fileOutput?.flush()
                fileOutput = try OutputWriter(path: path)
            case .output(nil):
                fileOutput?.flush()
                fileOutput = nil
            case .read(let path):
                return read(file: path)
            case .timer(let on?):
                timer = on
            case .timer(nil):
                say("timer \(timer ? "on" : "off")")
            case .lake(let uri?):
                let location = try StorageLocation(parsing: uri, workingDirectory: FileManager.default.currentDirectoryPath)
                let previous = session
                session = try LakeSession(location: location, readOnly: previous.isReadOnly)
                session.settings = previous.settings
                session.notice = previous.notice
                canceller.session = session
                completionSource.session = session
                lastQuery = nil
                if interactive { say("lake \(location.description)") }
            case .lake(nil):
                say("lake \(session.location.description)")
            case .stats:
                guard let lastQuery else {
                    say("no query has run yet")
                    return .ok
                }
                say(StatementSummary.funnel(lastQuery.statistics, rows: lastQuery.rows))
            case .maxRows(let count?):
                maxRows = count
            case .maxRows(nil):
                say("maxrows \(maxRows)")
            case .quit:
                return .quit
            }
        } catch {
            reportCommand(CommandFailure.message(for: error, source: nil))
            return .failed
        }
        return .ok
    }

    /// `.tables`: the names in columns across the screen (one per line elsewhere).
    private func listTables(like pattern: String?) throws {
        let sql = "SHOW TABLES" + (pattern.map { " LIKE '" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "")
        guard case .rows(let result) = try session.run(try SQLParser.parseStatement(sql)) else { return }
        var names: [String] = []
        while let batch = try result.next() {
            for row in 0..<batch.count { names.append(ValueFormatter.text(batch.columns[0].value(at: row), type: .varchar) ?? "") }
        }
        guard !names.isEmpty else {
            say(pattern == nil ? "no tables in \(session.location.description)" : "no tables match \(pattern!)")
            return
        }
        let width = (names.map(TerminalText.width).max() ?? 0) + 2
        let perLine = outputTerminal.map { Swift.max(1, $0.width / width) } ?? 1
        let lines = (names.count + perLine - 1) / perLine
        var text = ""
        // Down the columns first, as `ls` lists.
        for line in 0..<lines {
            var cells: [String] = []
            for column in 0..<perLine where column * lines + line < names.count {
                cells.append(TerminalText.padded(names[column * lines + line], toWidth: width, rightAligned: false))
            }
            text += cells.joined().trimmingTrailingSpaces() + "\n"
        }
        write(text)
        flush()
    }

    /// `.read FILE`: its lines as if typed, stopping at the first failure.
    private func read(file path: String) -> Outcome {
        guard readDepth < 16 else {
            reportCommand(".read is nested too deeply")
            return .failed
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            reportCommand("cannot read \(path)")
            return .failed
        }
        let saved = (pending, sourceName, lineNumber, pendingStartLine)
        pending = ""
        sourceName = path
        lineNumber = 0
        readDepth += 1
        defer {
            readDepth -= 1
            (pending, sourceName, lineNumber, pendingStartLine) = saved
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if InterruptMonitor.shared.interrupted { return .failed }
            let outcome = process(String(line.hasSuffix("\r") ? line.dropLast() : line))
            if outcome != .ok { return outcome }
        }
        guard !StatementInput.isBlank(pending) else { return .ok }
        return execute(pending, startLine: pendingStartLine)
    }
}

/// What Ctrl-C cancels: the statement of whichever session is current (`.lake` replaces it).
private final class SessionCanceller: Sendable {
    private struct Target: @unchecked Sendable {
        let session: LakeSession
    }

    private let target: Locked<Target>

    init(_ session: LakeSession) {
        target = Locked(Target(session: session))
    }

    var session: LakeSession {
        get { target.withLock { $0.session } }
        set { target.withLock { $0 = Target(session: newValue) } }
    }

    /// Safe from any thread: `LakeSession.cancelCurrentStatement` is.
    @Sendable func cancel() {
        target.withLock { $0.session }.cancelCurrentStatement()
    }
}
