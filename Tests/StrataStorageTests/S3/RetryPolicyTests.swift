// Backoff stays within its bounds and grows; only failures a later attempt can cure are retried.
import Testing
@testable import StrataStorage

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsWithJitterUpToTheCap() {
        let policy = RetryPolicy(maxAttempts: 10, initialDelayMilliseconds: 100, maxDelayMilliseconds: 1_000)
        for attempt in 1...10 {
            let step = min(1_000, 100 << (attempt - 1))
            let delays = (0..<200).map { _ in policy.delayMilliseconds(afterAttempt: attempt) }
            #expect(delays.allSatisfy { $0 >= step / 2 && $0 <= step }, "attempt \(attempt)")
            #expect(Set(delays).count > 1, "jitter at attempt \(attempt)")
        }
        #expect(RetryPolicy(initialDelayMilliseconds: 0).delayMilliseconds(afterAttempt: 3) == 0)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test func retriesOnlyWhatMaySucceedLater() {
        for (status, code) in [(503, "SlowDown"), (500, "InternalError"), (400, "RequestTimeout"), (502, nil), (504, nil), (429, nil), (200, "InternalError"), (400, "IncompleteBody")] as [(Int, String?)] {
            #expect(RetryPolicy.isRetryable(status: status, serviceCode: code), "\(status) \(code ?? "")")
        }
        for (status, code) in [(404, "NoSuchKey"), (403, "AccessDenied"), (400, "InvalidArgument"), (416, "InvalidRange"), (403, "SignatureDoesNotMatch"), (301, "PermanentRedirect")] as [(Int, String?)] {
            #expect(!RetryPolicy.isRetryable(status: status, serviceCode: code), "\(status) \(code ?? "")")
        }
    }
}
