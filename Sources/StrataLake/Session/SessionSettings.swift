// Settings a session changes with `SET name = value`. Unknown names are refused, so a setting the engine
// would ignore never looks accepted.
import StrataCore

public struct SessionSettings: Sendable {
    /// Threads a statement may use.
    public var threads: Int
    /// Rows per batch.
    public var batchSize = 8192
    /// The pruning layers in use (`SET pruning = false`, `SET pruning.bloom = false`, ...).
    public var pruning = PruningOptions()

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

    static let names = ["threads", "batch_size", "pruning"] + PruningOptions.layerNames.map { "pruning." + $0 }

    /// Applies `SET name = value`.
    mutating func set(_ name: String, _ value: Value) throws {
        func positiveInteger() throws -> Int {
            guard case .integer(let number) = value, number > 0, number <= 1 << 24 else {
                throw LakeError("SET \(name) needs a positive integer")
            }
            return Int(number)
        }
        func boolean() throws -> Bool {
            switch value {
            case .boolean(let on): return on
            case .varchar(let text) where ["true", "on"].contains(text.lowercased()): return true
            case .varchar(let text) where ["false", "off"].contains(text.lowercased()): return false
            default: throw LakeError("SET \(name) needs true or false")
            }
        }
        let lowered = name.lowercased()
        switch lowered {
        case "threads": threads = try positiveInteger()
        case "batch_size": batchSize = try positiveInteger()
        case "pruning": pruning = try boolean() ? PruningOptions() : .none
        case _ where lowered.hasPrefix("pruning.") && PruningOptions.layerNames.contains(String(lowered.dropFirst("pruning.".count))):
            _ = pruning.set(layer: String(lowered.dropFirst("pruning.".count)), try boolean())
        default:
            throw LakeError("unknown setting \(name); settings are \(SessionSettings.names.joined(separator: ", "))")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
