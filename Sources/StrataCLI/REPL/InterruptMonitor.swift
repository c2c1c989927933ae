// Ctrl-C. A signal handler may safely do almost nothing, so the SIGINT handler (installed with sigaction)
// only writes a byte to a pipe. A watcher thread reads it and, while statements run, cancels them (their
// operators stop at the next batch); between statements it wakes the line editor, which clears its line,
// or, in batch mode, ends the process with 130 as a shell would. An interactive session never ends on
// Ctrl-C.
import Foundation
import StrataCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The write end of the signal pipe, read by the SIGINT handler (set once, before the handler exists).
nonisolated(unsafe) private var interruptPipe: Int32 = -1

private let handleInterrupt: @convention(c) (Int32) -> Void = { _ in
    let saved = errno
    var byte: UInt8 = 3
    _ = write(interruptPipe, &byte, 1)
    errno = saved
}

final class InterruptMonitor: Sendable {
    /// What Ctrl-C does when no statement runs.
    enum IdleAction: Sendable {
        /// Wake the line editor (interactive sessions).
        case wakeEditor
        /// End the process with status 130 (batch mode).
        case exit
    }

    private struct State {
        var idleAction = IdleAction.wakeEditor
        var cancel: (@Sendable () -> Void)?
        var interrupted = false
    }

    static let shared = InterruptMonitor()

    private let state = Locked(State())
    /// Readable when Ctrl-C was pressed while the line editor waits for input.
    let editorWake: Int32
    private let editorWakeWrite: Int32
    private let installed = Atomic<Bool>(false)

    private init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            _ = fcntl(descriptors[0], F_SETFL, fcntl(descriptors[0], F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        }
        editorWake = descriptors[0]
        editorWakeWrite = descriptors[1]
    }

    /// Installs the SIGINT handler and starts the watcher (once per process).
    func install(whenIdle action: IdleAction) {
        state.withLock { $0.idleAction = action }
        guard !installed.exchange(true, ordering: .relaxed) else { return }
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return }
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFL, fcntl(descriptors[1], F_GETFL) | O_NONBLOCK)
        interruptPipe = descriptors[1]
        let signals = descriptors[0]
        let watcher = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 16)
            while true {
                let count = read(signals, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return }
                interrupt()
            }
        }
        watcher.name = "strata-interrupts"
        watcher.start()

        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        // A parent may hand down SIGINT blocked (test runners, some launchers); Ctrl-C must still reach us.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// What the watcher does with one Ctrl-C.
    private func interrupt() {
        let idle: IdleAction? = state.withLock { state in
            guard let cancel = state.cancel else { return state.idleAction }
            state.interrupted = true
            cancel()
            return nil
        }
        switch idle {
        case .wakeEditor?:
            var byte: UInt8 = 3
            _ = write(editorWakeWrite, &byte, 1)
        case .exit?:
            _exit(130)
        case nil:
            break
        }
    }

    /// Runs `body` with Ctrl-C calling `cancel`; `interrupted` tells whether it was pressed meanwhile.
    func whileRunning<Result>(cancel: @escaping @Sendable () -> Void, _ body: () throws -> Result) rethrows -> Result {
        state.withLock { state in
            state.cancel = cancel
            state.interrupted = false
        }
        defer { state.withLock { $0.cancel = nil } }
        return try body()
    }

    /// Whether Ctrl-C was pressed during the current (or last) `whileRunning`.
    var interrupted: Bool {
        state.withLock { $0.interrupted }
    }

    /// Empties the editor's wake pipe; true when it held a Ctrl-C.
    func drainEditorWake() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(editorWake, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}
