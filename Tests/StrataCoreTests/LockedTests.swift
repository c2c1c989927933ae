import Dispatch
import Testing
@testable import StrataCore

@Suite struct LockedTests {
    @Test func concurrentUpdatesAreNotLost() {
        let total = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { total.withLock { $0 += 1 } }
        }
        #expect(total.withLock { $0 } == 80_000)
    }

    struct Refused: Error {}

    @Test func aThrowingBodyReleasesTheLock() {
        let value = Locked(1)
        #expect(throws: Refused.self) {
            try value.withLock { (_: inout Int) throws(Refused) in throw Refused() }
        }
        #expect(value.withLock { $0 } == 1)
    }
}
