// When and how long to wait before trying an S3 request again: exponential backoff with jitter, bounded
// both in attempts and in total time, for the failures that a later attempt can cure (throttling, 5xx,
// timeouts, broken connections, short bodies) and never for the ones it cannot (404, 403, bad requests).

public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The backoff before the second attempt; it doubles for each later one, up to `maxDelayMilliseconds`.
    public var initialDelayMilliseconds: Int
    public var maxDelayMilliseconds: Int
    /// No new attempt starts once this much time has passed since the first.
    public var maxElapsedMilliseconds: Int

    public init(
        maxAttempts: Int = 6, initialDelayMilliseconds: Int = 100, maxDelayMilliseconds: Int = 5_000,
        maxElapsedMilliseconds: Int = 60_000
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelayMilliseconds = max(0, initialDelayMilliseconds)
        self.maxDelayMilliseconds = max(self.initialDelayMilliseconds, maxDelayMilliseconds)
        self.maxElapsedMilliseconds = maxElapsedMilliseconds
    }

    /// The wait after failed attempt number `attempt` (1 for the first): half the exponential step fixed,
    /// half random, so that many clients throttled together spread out instead of retrying in lockstep.
    public func delayMilliseconds(afterAttempt attempt: Int) -> Int {
        let shift = min(max(0, attempt - 1), 30)
        let step = min(maxDelayMilliseconds, initialDelayMilliseconds << shift)
        guard step > 1 else { return step }
        return step / 2 + Int.random(in: 0...(step - step / 2))
    }

    /// Whether S3's answer (HTTP status and error code) is worth another attempt.
    public static func isRetryable(status: Int, serviceCode: String?) -> Bool {
        if let serviceCode, retryableCodes.contains(serviceCode) { return true }
        switch status {
        case 408, 429, 500, 502, 503, 504: return true
        default: return false
        }
    }

    private static let retryableCodes: Set<String> = [
        "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
        "RequestThrottled", "TooManyRequests", "OperationAborted", "IncompleteBody", "BadDigest",
        "XAmzContentSHA256Mismatch",
    ]
}
