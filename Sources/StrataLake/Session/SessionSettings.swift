// Settings a session changes with `SET name = value`. Unknown names are refused, so a setting the engine
// would ignore never looks accepted.
import Foundation
import StrataCore
import StrataExecution

public struct SessionSettings: Sendable {
    /// Threads a statement may use.
    public var threads: Int
    /// Rows per batch.
    public var batchSize = 8192
    /// The pruning layers in use (`SET pruning = false`, `SET pruning.bloom = false`, ...).
    public var pruning = PruningOptions()
    /// How long a write waits for a table another writer holds before it gives up (`SET lock_timeout`).
    public var lockTimeout: Duration = .seconds(600)
    /// Bytes a statement's sorts, aggregations, joins and windows may hold together (`SET memory_limit`);
    /// sorts and aggregations spill to disk to stay under it, the others fail with a clear message.
    public var memoryLimit = MemoryBudget.defaultLimit
    /// Where sorts and aggregations spill (`SET temp_directory`); `$TMPDIR` or /tmp when nil.
    public var tempDirectory: String?

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

    static let names = ["threads", "batch_size", "lock_timeout", "memory_limit", "temp_directory", "pruning"] + PruningOptions.layerNames.map { "pruning." + $0 }

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
        case "lock_timeout":
            let duration: Duration?
            switch value {
            case .integer(let seconds) where seconds >= 0 && seconds <= 86_400 * 365: duration = .seconds(seconds)
            case .varchar(let text): duration = SessionSettings.duration(text)
            default: duration = nil
            }
            guard let duration else {
                throw LakeError("SET lock_timeout needs a duration: seconds, or text such as '500ms', '30s', '10m', '1h'")
            }
            lockTimeout = duration
        case "memory_limit":
            let bytes: Int?
            switch value {
            case .integer(let number) where number > 0: bytes = Int(number)
            case .varchar(let text): bytes = MemoryBudget.parseSize(text)
            default: bytes = nil
            }
            guard let bytes, bytes >= 1_000_000 else {
                throw LakeError("SET memory_limit needs a size of at least 1MB, such as '2GB', '512MB' or '1.5GiB'")
            }
            memoryLimit = bytes
        case "temp_directory":
            guard case .varchar(let path) = value, !path.isEmpty else {
                throw LakeError("SET temp_directory needs the path of a folder, as text")
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw LakeError("SET temp_directory: \(path) is not a folder")
            }
            tempDirectory = path
        case _ where lowered.hasPrefix("pruning.") && PruningOptions.layerNames.contains(String(lowered.dropFirst("pruning.".count))):
            _ = pruning.set(layer: String(lowered.dropFirst("pruning.".count)), try boolean())
        default:
            throw LakeError("unknown setting \(name); settings are \(SessionSettings.names.joined(separator: ", "))")
        }
    }
}

extension SessionSettings {
    /// A duration as users write one: `500ms`, `30s`, `10m`, `1h`, or a bare number of seconds; nil when
    /// it is not one (or is negative).
    public static func duration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, milliseconds) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let count = Int64(number), count >= 0, count <= Int64(Int32.max) else { return nil }
            return .milliseconds(count * milliseconds)
        }
        guard let seconds = Int64(trimmed), seconds >= 0, seconds <= Int64(Int32.max) else { return nil }
        return .seconds(seconds)
    }
}

#if canImport(Glibc)
import Glibc
#endif
