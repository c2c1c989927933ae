// Who is running a statement, recorded in its transaction so a later run can tell a statement still at
// work from one that was killed: the host, the process id and the process's start time (so a recycled
// process id is not mistaken for the writer). On the same host liveness is checked at once through
// /proc; a writer on another host counts as alive while its heartbeat is recent.
#if canImport(Glibc)
import Glibc
#endif

public struct ProcessIdentity: Codable, Hashable, Sendable {
    public var host: String
    public var pid: Int32
    /// Clock ticks after boot at which the process started (field 22 of /proc/PID/stat).
    public var startTicks: Int64

    /// This process.
    public static let current = ProcessIdentity(
        host: ProcessIdentity.hostName(), pid: getpid(), startTicks: ProcessIdentity.startTicks(of: getpid()) ?? 0)

    /// A writer on another host whose heartbeat is older than this is taken to be gone.
    public static let heartbeatTimeoutMilliseconds: Int64 = 5 * 60 * 1000

    /// Whether the process is (probably) still running, given the last heartbeat it wrote.
    public func isAlive(heartbeat: Int64, now: Int64) -> Bool {
        if self == ProcessIdentity.current { return true }
        guard host == ProcessIdentity.current.host else {
            return now - heartbeat < ProcessIdentity.heartbeatTimeoutMilliseconds
        }
        guard let ticks = ProcessIdentity.startTicks(of: pid) else { return false }
        return ticks == startTicks
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The start time of process `pid`, nil when there is no such process.
    static func startTicks(of pid: Int32) -> Int64? {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces; fields count from after it.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ")": field 3 is fields[0], so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return Int64(fields[19])
    }

    /// Milliseconds since the epoch, now.
    static func nowMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
