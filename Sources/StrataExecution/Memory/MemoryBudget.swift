// The memory one statement's operators may hold (`SET memory_limit`). Every operator whose state grows
// with its input (sort, hash aggregation, join builds, windows, set operations) keeps a reservation here
// sized to what it holds. Sort and hash aggregation spill to disk when the budget refuses them more; the
// others stop the statement with a message naming the operator, so a query too big for the machine fails
// clearly instead of being killed by the kernel.
//
// Batches in flight between operators and scan buffers are not counted: they are bounded by the batch size
// and the number of threads, not by the data.
import Foundation
import StrataCore
import Synchronization

public final class MemoryBudget: Sendable {
    /// Bytes the statement's operators may hold together.
    public let limit: Int
    private let held = Atomic<Int>(0)

    public init(limit: Int = MemoryBudget.defaultLimit) {
        self.limit = max(limit, 0)
    }

    /// Bytes reserved now, by every operator.
    public var heldBytes: Int { held.load(ordering: .relaxed) }

    /// Reserves `bytes` more if they fit under the limit; false (and nothing reserved) if they do not.
    func tryGrow(by bytes: Int) -> Bool {
        var current = held.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = held.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Returns `bytes` reserved earlier.
    func shrink(by bytes: Int) {
        held.subtract(bytes, ordering: .relaxed)
    }

    /// 80% of the machine's memory (or of the container's, when a cgroup limits it lower), as DuckDB's default.
    public static let defaultLimit: Int = {
        var physical = Int(ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
            let container = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), container > 0
        {
            physical = min(physical, container)
        }
        return physical / 5 * 4
    }()

    /// A size as users write one: `2GB`, `512MB`, `1.5GiB`, `100000` (bytes). Decimal units are powers of
    /// 1000 and binary ones of 1024, as in DuckDB; nil when the text is not a size.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [
            ("kib", 0x400), ("mib", 0x10_0000), ("gib", 0x4000_0000), ("tib", 0x100_0000_0000),
            ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12),
            ("k", 1e3), ("m", 1e6), ("g", 1e9), ("t", 1e12), ("b", 1),
        ]
        var number = Substring(trimmed)
        var factor = 1.0
        if let (suffix, scale) = units.first(where: { trimmed.hasSuffix($0.0) }) {
            number = trimmed.dropLast(suffix.count)
            factor = scale
        }
        let digits = number.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(digits), value.isFinite, value * factor < 9e18
        else { return nil }
        return Int(value * factor)
    }

    /// `bytes` for a message: "2.0 GB", "512.0 MB", "900 bytes".
    public static func describe(_ bytes: Int) -> String {
        let units: [(String, Double)] = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)]
        for (name, scale) in units where Double(bytes) >= scale {
            return String(format: "%.1f", Double(bytes) / scale) + " " + name
        }
        return "\(bytes) bytes"
    }
}

/// The bytes one operator holds, kept in its statement's budget and returned when the operator is done.
final class MemoryReservation {
    let budget: MemoryBudget
    /// What holds the memory, for messages: "the hash join's build side".
    let holder: String
    private(set) var bytes = 0

    init(budget: MemoryBudget, holder: String) {
        self.budget = budget
        self.holder = holder
    }

    deinit { release() }

    /// Makes the reservation `total` bytes if the budget has room; false (reservation unchanged) if not.
    func tryResize(to total: Int) -> Bool {
        if total <= bytes {
            budget.shrink(by: bytes - total)
            bytes = total
            return true
        }
        guard budget.tryGrow(by: total - bytes) else { return false }
        bytes = total
        return true
    }

    /// Makes the reservation `total` bytes, or throws the memory-limit error naming the holder.
    func resize(to total: Int, advice: String) throws {
        guard tryResize(to: total) else { throw exceeded(needing: total, advice: advice) }
    }

    /// The error for needing `total` bytes here when the budget cannot give them.
    func exceeded(needing total: Int, advice: String) -> ExecutionError {
        let others = budget.heldBytes - bytes
        let elsewhere = others > 0 ? " while other operators hold \(MemoryBudget.describe(others))" : ""
        return ExecutionError(
            .resourceExhausted,
            "out of memory: \(holder) needs \(MemoryBudget.describe(total))\(elsewhere), over the memory_limit of \(MemoryBudget.describe(budget.limit)); \(advice), or raise the limit with SET memory_limit = '...'")
    }

    /// Returns everything to the budget.
    func release() {
        budget.shrink(by: bytes)
        bytes = 0
    }
}

extension MemoryReservation {
    /// Every batch of `source`, held under this reservation at twice the rows' bytes (the batches, and the
    /// one batch they are concatenated into next); throws the memory-limit error when they do not fit.
    func drain(_ source: PhysicalOperator, context: ExecutionContext, advice: String) throws -> [Batch] {
        var batches: [Batch] = []
        var bytes = 0
        while let batch = try source.next() {
            try context.checkCancelled()
            guard batch.count > 0 else { continue }
            batches.append(batch)
            bytes += batch.memoryBytes
            try resize(to: 2 * bytes, advice: advice)
        }
        source.close()
        return batches
    }
}
