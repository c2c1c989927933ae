// Cancelling the statement a session is running from another thread (Ctrl-C in the REPL). A statement
// makes execution contexts as it goes (planning, then running); a cancel reaches every one of them,
// including those made after it arrived.
import StrataCore
import StrataExecution

final class StatementCancellation: Sendable {
    private struct State {
        var cancelled = false
        var contexts: [ExecutionContext] = []
    }

    private let state = Locked(State())

    /// A new statement starts: earlier cancels no longer apply.
    func begin() {
        state.withLock { $0 = State() }
    }

    func track(_ context: ExecutionContext) {
        state.withLock { state in
            if state.cancelled { context.cancel() }
            state.contexts.append(context)
        }
    }

    func cancel() {
        state.withLock { state in
            state.cancelled = true
            for context in state.contexts { context.cancel() }
        }
    }
}
