// Line editing at the prompt with GNU readline, through its callback interface: the editor waits on the
// terminal and on the Ctrl-C wake pipe at once, so Ctrl-C clears the line without readline's own signal
// handling (a blocking `readline()` could only be left by longjmp). History comes from and goes to
// `~/.strata_history` as entries are made; Tab asks `SQLCompleter`.
import CReadline
import Foundation

#if canImport(Glibc)
import Glibc
#endif

final class LineEditor {
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
    }

    /// The editor readline's callbacks talk to: they are C functions and carry no context.
    nonisolated(unsafe) fileprivate static var current: LineEditor?
    nonisolated(unsafe) fileprivate static var matches: [String] = []
    nonisolated(unsafe) fileprivate static var nextMatchIndex = 0

    let completer: SQLCompleter
    /// The statement text of earlier lines, so completion sees the whole statement.
    var pendingText = ""
    fileprivate var received: Input?
    private let history: HistoryFile?
    private var lastEntry: String?
    private var terminalSize: (Int32, Int32) = (0, 0)

    init(completer: SQLCompleter, history: HistoryFile?) {
        self.completer = completer
        self.history = history
        if let locale = setlocale(LC_CTYPE, ""), ["C", "POSIX"].contains(String(cString: locale)) {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        strata_rl_configure(completeWord, isatty(STDOUT_FILENO) == 1 ? 0 : 1)
        strata_rl_hold_terminal(1)
        rl_initialize()
        using_history()
        stifle_history(Int32(history?.limit ?? 1000))
        for entry in history?.load() ?? [] {
            add_history(entry)
            lastEntry = entry
        }
        Self.current = self
    }

    /// Reads one line after showing `prompt`; Ctrl-C and end of input come back as such.
    func read(prompt: String) -> Input {
        received = nil
        _ = InterruptMonitor.shared.drainEditorWake()
        rl_callback_handler_install(prompt, acceptLine)
        while true {
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: InterruptMonitor.shared.editorWake, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if descriptors[1].revents & Int16(POLLIN) != 0, InterruptMonitor.shared.drainEditorWake() {
                // Ctrl-C: drop the line (and any search or argument in progress) and start afresh.
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_replace_line("", 0)
                rl_callback_handler_remove()
                fputs("^C\n", strata_rl_output())
                fflush(strata_rl_output())
                return .interrupted
            }
            if descriptors[0].revents != 0 {
                resizeIfNeeded()
                rl_callback_read_char()
                if let received {
                    if received == .endOfInput {
                        fputs("\n", strata_rl_output())
                        fflush(strata_rl_output())
                    }
                    return received
                }
            }
        }
    }

    /// Gives the terminal back as it was before the session (readline holds it between lines).
    func close() {
        strata_rl_release_terminal()
    }

    /// Adds `entry` to the history (not twice in a row) and to the history file.
    func remember(_ entry: String) {
        let entry = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !entry.isEmpty, entry != lastEntry else { return }
        add_history(entry)
        history?.append(entry)
        lastEntry = entry
    }

    /// Readline notices a resized terminal only while it handles a key; between keys the editor asks.
    private func resizeIfNeeded() {
        var size = winsize()
        guard ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return }
        let current = (Int32(size.ws_row), Int32(size.ws_col))
        if current != terminalSize {
            terminalSize = current
            rl_resize_terminal()
        }
    }
}

/// Readline's line handler: keeps the line and removes itself, so readline leaves the terminal alone
/// until the next `read`.
private let acceptLine: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    let input: LineEditor.Input = line.map { .line(String(cString: $0)) } ?? .endOfInput
    free(line)
    LineEditor.current?.received = input
    rl_callback_handler_remove()
}

/// Readline's completion hook: the candidates come from the editor's completer.
private let completeWord: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
    text, start, end in
    var length: Int32 = 0
    guard let editor = LineEditor.current, let buffer = strata_rl_line(&length), let text else {
        strata_rl_completion_settings(0)
        return nil
    }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(length)).bindMemory(to: UInt8.self)
    let lower = Int(max(0, min(start, length)))
    let upper = Int(max(start, min(end, length)))
    let quoteCharacter = strata_rl_completion_quote()
    let quote = quoteCharacter == 0 ? nil : Character(Unicode.Scalar(UInt8(truncatingIfNeeded: quoteCharacter)))
    let request = CompletionRequest(
        before: (editor.pendingText.isEmpty ? "" : editor.pendingText + "\n") + String(decoding: bytes[..<lower], as: UTF8.self),
        word: String(decoding: bytes[lower..<upper], as: UTF8.self),
        after: String(decoding: bytes[upper...], as: UTF8.self),
        quote: quote)
    let candidates = editor.completer.candidates(for: request)
    // No space after a call's "(", a folder's "/", a schema's "." or inside quotes.
    let single = candidates.count == 1 ? candidates[0] : nil
    let suppressAppend = single.map { quote != nil || $0.hasSuffix("(") || $0.hasSuffix("/") || $0.hasSuffix(".") } ?? false
    strata_rl_completion_settings(suppressAppend ? 1 : 0)
    guard !candidates.isEmpty else { return nil }
    LineEditor.matches = candidates
    LineEditor.nextMatchIndex = 0
    return rl_completion_matches(text, nextMatch)
}

private let nextMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { LineEditor.nextMatchIndex = 0 }
    guard LineEditor.nextMatchIndex < LineEditor.matches.count else { return nil }
    defer { LineEditor.nextMatchIndex += 1 }
    return strdup(LineEditor.matches[LineEditor.nextMatchIndex])
}
