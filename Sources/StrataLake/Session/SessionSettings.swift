// Settings a session changes with `SET name = value`. Unknown names are refused, so a setting the engine
// would ignore never looks accepted.
import StrataCore

public struct SessionSettings: Sendable {
    /// Threads a statement may use.
    public var threads: Int
    /// Rows per batch.
    public var batchSize = 8192

    public init(threads: Int = SessionSettings.defaultThreads) {
        self.threads = threads
    }

    public static var defaultThreads: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }

    static let names = ["threads", "batch_size"]

    /// Applies `SET name = value`.
    mutating func set(_ name: String, _ value: Value) throws {
        func positiveInteger() throws -> Int {
            guard case .integer(let number) = value, number > 0, number <= 1 << 24 else {
                throw LakeError("SET \(name) needs a positive integer")
            }
            return Int(number)
        }
        switch name.lowercased() {
        case "threads": threads = try positiveInteger()
        case "batch_size": batchSize = try positiveInteger()
        default:
            throw LakeError("unknown setting \(name); settings are \(SessionSettings.names.joined(separator: ", "))")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
