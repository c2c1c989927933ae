// Two writers never write one table at once. Whatever changes a table — a statement, a model, an ingestion,
// a compaction — first takes the table's lease, and takes it *before* it reads what it decides from (the
// model's state, the files it replaces, the rows an INSERT reads), so the second writer decides on what the
// first one wrote instead of overwriting it. The one that finds the table leased waits, saying for whom,
// and gives up after `lock_timeout` with a message naming the holder.
//
// A lease is an object `_strata/leases/<id>.json` in the lake, so writers on other machines see it too; it
// needs no conditional writes from the store, only that a listing shows what was written before it:
//
// 1. write the lease as *waiting*;
// 2. list the leases; wait while an overlapping live lease is *held*, or is waiting and came first;
// 3. rewrite it as *held*, list again: if another overlapping lease is held too (both took it at the same
//    moment), step back to waiting and go to 2 after a random pause, else the table is ours.
//
// Whichever of two writers lists last in step 3 sees the other held and steps back, so two never both hold
// a table; when both step back, the order of step 2 lets the first one through. A lease whose owner is gone
// (killed) is ignored and deleted; one held by a live process on another host counts while its heartbeat,
// renewed every minute by a background thread, is recent.
//
// A lease is re-entrant on its thread: a model's build holds its table's lease and the write inside it
// takes the same lease again without waiting for itself.
import Foundation
import StrataCore
import StrataStorage

#if canImport(Glibc)
import Glibc
#endif

/// How long a writer waits for a table another writer holds, and where it says that it waits.
public struct LeaseWait: Sendable {
    public var timeout: Duration
    public var notice: @Sendable (String) -> Void

    public init(timeout: Duration = .seconds(600), notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.timeout = timeout
        self.notice = notice
    }
}

public final class WriteLease: Sendable {
    struct Record: Codable, Sendable {
        var id: String
        var owner: ProcessIdentity
        /// Milliseconds since the epoch when the owner last showed it was alive.
        var heartbeat: Int64
        /// Milliseconds since the epoch when the writer asked for the lease: the first asker goes first.
        var requested: Int64
        /// What holds or wants the tables, for messages: `strata materialize: gold.daily`.
        var statement: String
        /// Key prefixes of the tables' folders, each ending with `/`.
        var targetPrefixes: [String]
        var held: Bool

        func overlaps(_ other: Record) -> Bool {
            targetPrefixes.contains { mine in
                other.targetPrefixes.contains { theirs in mine.hasPrefix(theirs) || theirs.hasPrefix(mine) }
            }
        }

        /// Whether this lease asked before `other`; ties are broken by id so every writer agrees.
        func isBefore(_ other: Record) -> Bool {
            (requested, id) < (other.requested, other.id)
        }
    }

    /// A lease this process holds, for re-entrant acquisition.
    private struct Holding {
        /// The lake's root: sessions open stores of their own on one lake.
        var lake: String
        var controlPrefix: String
        var prefixes: [String]
        var thread: pthread_t
    }

    private static let holdings = Locked<[Holding]>([])

    private let store: any ObjectStore
    /// Whether another writer held the tables first: what was read before may have changed.
    public let waited: Bool
    private let key: String?
    private let holding: Holding?
    private let released = Locked(false)

    private let stopHeartbeat = DispatchSemaphore(value: 0)
    private let heartbeatStopped = DispatchSemaphore(value: 0)

    /// Takes the lease on `targetPrefixes` (table folders, each ending with `/`), waiting while another
    /// writer holds an overlapping one.
    public static func acquire(
        store: any ObjectStore, targetPrefixes: [String], statement: String, wait: LeaseWait,
        controlPrefix: String = WriteTransaction.controlPrefix
    ) throws -> WriteLease {
        let thread = pthread_self()
        let lake = store.rootDescription
        let nested = holdings.withLock { holdings in
            targetPrefixes.allSatisfy { prefix in
                holdings.contains { held in
                    held.lake == lake && held.controlPrefix == controlPrefix && pthread_equal(held.thread, thread) != 0
                        && held.prefixes.contains { prefix.hasPrefix($0) }
                }
            }
        }
        if nested { return WriteLease(store: store, waited: false, key: nil, holding: nil) }

        let now = ProcessIdentity.nowMilliseconds()
        var record = Record(
            id: WriteTransaction.newID(), owner: .current, heartbeat: now, requested: now, statement: statement,
            targetPrefixes: targetPrefixes, held: false)
        let key = controlPrefix + "leases/" + record.id + ".json"
        let clock = ContinuousClock()
        let deadline = clock.now + wait.timeout
        var announced: String?
        try store.write(key, bytes: try LakeJSON.encode(record))
        do {
            while true {
                let others = try liveOverlapping(record, store: store, controlPrefix: controlPrefix)
                var blocker = others.first { $0.held } ?? others.first { $0.isBefore(record) }
                if blocker == nil {
                    record.held = true
                    try store.write(key, bytes: try LakeJSON.encode(record))
                    blocker = try liveOverlapping(record, store: store, controlPrefix: controlPrefix).first { $0.held }
                    if blocker == nil { break }
                    record.held = false
                    try store.write(key, bytes: try LakeJSON.encode(record))
                }
                let holder = blocker!
                let who = "\(holder.statement) (process \(holder.owner.pid) on \(holder.owner.host))"
                guard clock.now < deadline else {
                    throw LakeError(
                        "\(statement): gave up after waiting \(describe(wait.timeout)) for \(who) to finish writing \(tables(holder, store: store)); try again when it is done, or wait longer with --lock-timeout or SET lock_timeout")
                }
                if announced != holder.id {
                    announced = holder.id
                    wait.notice("\(statement): waiting for \(who) to finish writing \(tables(holder, store: store)) (up to \(describe(wait.timeout)))")
                }
                // A waiting lease is rewritten only to show it is alive (once a minute), not on every look.
                let now = ProcessIdentity.nowMilliseconds()
                if now - record.heartbeat >= 60_000 {
                    record.heartbeat = now
                    try store.write(key, bytes: try LakeJSON.encode(record))
                }
                usleep(UInt32.random(in: 50_000...250_000))
            }
        } catch {
            try? store.delete([key])
            throw error
        }
        let holding = Holding(lake: lake, controlPrefix: controlPrefix, prefixes: targetPrefixes, thread: thread)
        holdings.withLock { $0.append(holding) }
        let lease = WriteLease(store: store, waited: announced != nil, key: key, holding: holding)
        lease.startHeartbeat(record, key: key)
        return lease
    }

    private init(store: any ObjectStore, waited: Bool, key: String?, holding: Holding?) {
        self.store = store
        self.waited = waited
        self.key = key
        self.holding = holding
    }

    deinit { release() }

    /// Gives the tables back. Never throws: a lease left behind by a failed delete belongs to a process
    /// that ends, so the next writer ignores it.
    public func release() {
        let first = released.withLock { released in
            defer { released = true }
            return !released
        }
        guard first, let key, let holding else { return }
        stopHeartbeat.signal()
        heartbeatStopped.wait()
        WriteLease.holdings.withLock { holdings in
            if let index = holdings.lastIndex(where: {
                $0.lake == holding.lake && $0.controlPrefix == holding.controlPrefix && $0.prefixes == holding.prefixes
                    && pthread_equal($0.thread, holding.thread) != 0
            }) {
                holdings.remove(at: index)
            }
        }
        try? store.delete([key])
    }

    /// Renews the heartbeat every minute until released, so writers on other hosts see the holder is alive.
    /// The thread holds copies, not the lease, so a lease nobody releases is still freed (and released).
    private func startHeartbeat(_ record: Record, key: String) {
        let (store, stop, stopped) = (store, stopHeartbeat, heartbeatStopped)
        let thread = Thread {
            var record = record
            while stop.wait(timeout: .now() + .seconds(60)) == .timedOut {
                record.heartbeat = ProcessIdentity.nowMilliseconds()
                if let bytes = try? LakeJSON.encode(record) { try? store.write(key, bytes: bytes) }
            }
            stopped.signal()
        }
        thread.start()
    }

    /// The other leases overlapping `record` whose owners are alive; the leases of dead owners are deleted.
    private static func liveOverlapping(_ record: Record, store: any ObjectStore, controlPrefix: String) throws -> [Record] {
        let listing = try store.list(prefix: controlPrefix + "leases/", delimiter: "/")
        let now = ProcessIdentity.nowMilliseconds()
        var live: [Record] = []
        var dead: [String] = []
        for object in listing.objects where object.key.hasSuffix(".json") && !object.name.hasPrefix(".") {
            guard let bytes = try WriteTransaction.readIfPresent(store, object.key) else { continue }  // released meanwhile
            // A lease being rewritten on a local disk is never half-written (writes rename into place), but
            // one written by something else might be: it is skipped, not trusted.
            guard let other = try? LakeJSON.decode(Record.self, from: bytes, location: store.location(of: object.key)),
                other.id != record.id
            else { continue }
            if !other.owner.isAlive(heartbeat: other.heartbeat, now: now) {
                dead.append(object.key)
            } else if other.overlaps(record) {
                live.append(other)
            }
        }
        if !dead.isEmpty { try? store.delete(dead) }
        return live
    }

    private static func tables(_ record: Record, store: any ObjectStore) -> String {
        record.targetPrefixes.map { store.location(of: $0) }.joined(separator: ", ")
    }

    static func describe(_ duration: Duration) -> String {
        let milliseconds = Materializer.milliseconds(duration)
        if milliseconds % 60_000 == 0 && milliseconds > 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}
