// The project's one lock: a value that only one thread at a time may touch, reached through `withLock`,
// the same call shape as `Synchronization.Mutex`.
//
// Why not `Mutex`: on Linux it is a bare futex with no ThreadSanitizer annotations, so TSan sees no
// ordering between two critical sections and reports every access inside them as a race. TSan intercepts
// `pthread_mutex_lock` and `pthread_mutex_unlock`, so with this lock it checks our code instead of
// drowning it in false reports.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class Locked<Value> {
    // Heap-allocated because a pthread mutex must not move once initialized, and Swift promises no stable
    // address for a stored property.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with error \(status)")
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock; `body` must not call `withLock` on this lock.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

// Safe to share across threads: `value` is read and written only inside `withLock`, under the mutex, and
// `mutex` itself is set once in `init`. A Sendable value is required so that what goes in or comes out
// of the lock may be used on another thread.
extension Locked: @unchecked Sendable where Value: Sendable {}
