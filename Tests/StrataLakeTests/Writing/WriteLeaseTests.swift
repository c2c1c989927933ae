import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

/// Table leases: a second writer waits for the first, says so, gives up after its timeout naming the
/// holder; leases of gone writers do not count; many writers racing for one table never hold it together.
@Suite struct WriteLeaseTests {
    /// Runs `body` on a thread of its own (a lease is re-entrant on its thread) and returns what it threw.
    static func onAnotherThread(_ body: @escaping @Sendable () throws -> Void) -> Error? {
        let outcome = Locked<Error?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            do { try body() } catch { outcome.withLock { $0 = error } }
            done.signal()
        }.start()
        done.wait()
        return outcome.withLock { $0 }
    }

    static func leases(_ store: LocalObjectStore) throws -> [String] {
        try store.list(prefix: "_strata/leases/", delimiter: nil).objects.map(\.key)
    }

    @Test func aSecondWriterWaitsSaysForWhomAndGoesOnWhenTheFirstIsDone() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        let first = try WriteLease.acquire(store: store, targetPrefixes: ["gold/daily/"], statement: "FIRST", wait: LeaseWait())
        let notices = Locked<[String]>([])
        let waited = Locked(false)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            let wait = LeaseWait(timeout: .seconds(30)) { line in notices.withLock { $0.append(line) } }
            if let lease = try? WriteLease.acquire(store: store, targetPrefixes: ["gold/daily/"], statement: "SECOND", wait: wait) {
                waited.withLock { $0 = lease.waited }
                lease.release()
            }
            finished.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.6)
        #expect(notices.withLock { $0 }.count == 1)
        #expect(finished.wait(timeout: .now()) == .timedOut, "the second writer went on while the first held the table")
        first.release()
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(waited.withLock { $0 })
        let notice = notices.withLock { $0 }.first ?? ""
        #expect(notice.contains("SECOND: waiting for FIRST (process \(getpid()) on \(ProcessIdentity.current.host)) to finish writing \(lake.path)/gold/daily/"), "\(notice)")
        #expect(try Self.leases(store).isEmpty)
    }

    @Test func givingUpNamesTheHolderAndLeavesNoLeaseBehind() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        let first = try WriteLease.acquire(store: store, targetPrefixes: ["gold/daily/"], statement: "strata materialize (gold.daily)", wait: LeaseWait())
        let error = Self.onAnotherThread {
            _ = try WriteLease.acquire(
                store: store, targetPrefixes: ["gold/daily/"], statement: "CREATE TABLE gold.daily", wait: LeaseWait(timeout: .milliseconds(250)))
        }
        let message = (error as? LakeError)?.message ?? String(describing: error)
        #expect(message.hasPrefix("CREATE TABLE gold.daily: gave up after waiting 250ms for strata materialize (gold.daily) (process \(getpid())"), "\(message)")
        #expect(message.contains("--lock-timeout or SET lock_timeout"))
        #expect(try Self.leases(store).count == 1)
        first.release()
        #expect(try Self.leases(store).isEmpty)
    }

    @Test func aThreadHoldingATableTakesItAgainWithoutWaiting() throws {
        let lake = try WriteTestLake()
        let outer = try WriteLease.acquire(store: lake.store, targetPrefixes: ["t/"], statement: "OUTER", wait: LeaseWait())
        // Another store object on the same lake, as a write inside a model's build opens: still the same lake.
        let inner = try WriteLease.acquire(
            store: LocalObjectStore(root: lake.path), targetPrefixes: ["t/k=1/"], statement: "INNER", wait: LeaseWait(timeout: .zero))
        #expect(!inner.waited)
        inner.release()
        // Releasing the inner lease keeps the outer one.
        let store = lake.store
        #expect(Self.onAnotherThread {
            _ = try WriteLease.acquire(store: store, targetPrefixes: ["t/"], statement: "OTHER", wait: LeaseWait(timeout: .zero))
        } is LakeError)
        outer.release()
        #expect(Self.onAnotherThread {
            try WriteLease.acquire(store: store, targetPrefixes: ["t/"], statement: "OTHER", wait: LeaseWait(timeout: .zero)).release()
        } == nil)
    }

    @Test func leasesOverlapByFolder() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        let held = try WriteLease.acquire(store: store, targetPrefixes: ["a/", "q/"], statement: "HELD", wait: LeaseWait())
        defer { held.release() }
        func blocked(_ prefixes: [String]) -> Bool {
            Self.onAnotherThread {
                try WriteLease.acquire(store: store, targetPrefixes: prefixes, statement: "OTHER", wait: LeaseWait(timeout: .zero)).release()
            } != nil
        }
        #expect(blocked(["a/"]))
        #expect(blocked(["a/b/"]))
        #expect(blocked(["x/", "q/"]))
        #expect(!blocked(["ab/"]))
        #expect(!blocked(["b/", "x/"]))
    }

    @Test func leasesOfGoneWritersDoNotCountAndAreDeleted() throws {
        let lake = try WriteTestLake()
        let store = lake.store
        let now = ProcessIdentity.nowMilliseconds()
        func lease(_ id: String, owner: ProcessIdentity, heartbeat: Int64) throws {
            let record = WriteLease.Record(
                id: id, owner: owner, heartbeat: heartbeat, requested: 1, statement: id, targetPrefixes: ["t/"], held: true)
            try store.write("_strata/leases/\(id).json", bytes: try LakeJSON.encode(record))
        }
        // Killed on this host (no such process), and silent on another host for longer than the timeout.
        try lease("killed", owner: WriteTransactionTests.deadOwner, heartbeat: now)
        try lease("silent", owner: ProcessIdentity(host: "elsewhere", pid: 1, startTicks: 1), heartbeat: now - ProcessIdentity.heartbeatTimeoutMilliseconds - 1)
        let taken = try WriteLease.acquire(store: store, targetPrefixes: ["t/"], statement: "NEW", wait: LeaseWait(timeout: .zero))
        #expect(!taken.waited)
        taken.release()
        #expect(try Self.leases(store).isEmpty)

        // A writer on another host with a recent heartbeat holds the table.
        try lease("remote", owner: ProcessIdentity(host: "elsewhere", pid: 1, startTicks: 1), heartbeat: now)
        #expect(throws: LakeError.self) {
            _ = try WriteLease.acquire(store: store, targetPrefixes: ["t/"], statement: "NEW", wait: LeaseWait(timeout: .milliseconds(100)))
        }
    }

    @Test func manyWritersRacingForOneTableNeverHoldItTogether() throws {
        let lake = try WriteTestLake()
        let root = lake.path
        let state = Locked((inside: 0, most: 0, entries: 0))
        let group = DispatchGroup()
        let failures = Locked<[String]>([])
        for writer in 0..<6 {
            group.enter()
            Thread {
                defer { group.leave() }
                // Each writer its own store, as separate sessions have.
                let store = LocalObjectStore(root: root)
                for round in 0..<8 {
                    do {
                        let lease = try WriteLease.acquire(
                            store: store, targetPrefixes: ["t/"], statement: "W\(writer).\(round)", wait: LeaseWait(timeout: .seconds(120)))
                        state.withLock { state in
                            state.inside += 1
                            state.entries += 1
                            state.most = max(state.most, state.inside)
                        }
                        usleep(UInt32.random(in: 0...3000))
                        state.withLock { $0.inside -= 1 }
                        lease.release()
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }.start()
        }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty)
        let final = state.withLock { $0 }
        #expect(final.most == 1)
        #expect(final.entries == 48)
        #expect(try Self.leases(lake.store).isEmpty)
    }

    @Test func lockTimeoutIsASetting() throws {
        let lake = try WriteTestLake()
        let session = try lake.session()
        _ = try session.run(try SQLParser.parse("SET lock_timeout = '250ms'")[0])
        #expect(session.settings.lockTimeout == .milliseconds(250))
        _ = try session.run(try SQLParser.parse("SET lock_timeout = 5")[0])
        #expect(session.settings.lockTimeout == .seconds(5))
        #expect(throws: (any Error).self) { _ = try session.run(try SQLParser.parse("SET lock_timeout = 'soon'")[0]) }
        #expect(SessionSettings.duration("10m") == .seconds(600))
        #expect(SessionSettings.duration(" 2h ") == .seconds(7200))
        #expect(SessionSettings.duration("30s") == .seconds(30))
        #expect(SessionSettings.duration("0") == .zero)
        #expect(SessionSettings.duration("-1s") == nil)
        #expect(SessionSettings.duration("1d") == nil)
    }
}
