// UNION [ALL], INTERSECT [ALL] and EXCEPT [ALL], by hashing whole rows (NULLs equal, as set operations
// compare rows). UNION ALL streams both inputs; the others hold one entry per distinct row: UNION streams
// rows the first time they are seen; INTERSECT and EXCEPT first count the right input's rows, then stream
// the left input against the counts (the ALL forms emit min(l, r) and max(l - r, 0) copies).
import StrataCore
import StrataPlanner

public final class SetOperationOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    public let kind: SetOperationKind
    /// ALL (keep duplicates) rather than DISTINCT.
    public let all: Bool
    private let left: PhysicalOperator
    private let right: PhysicalOperator
    private let context: ExecutionContext
    private let memory: MemoryReservation
    private let table: GroupHashTable
    /// Groups below this came from the right input (INTERSECT, EXCEPT).
    private var rightGroups = 0
    /// Per group: copies of the right row still to cancel or match (ALL forms).
    private var remaining: [Int64] = []
    /// Per group: whether the row was emitted already (distinct forms).
    private var emitted: [Bool] = []
    private var readingRight: Bool
    private var builtRight = false
    private var finished = false

    public init(
        left: PhysicalOperator, right: PhysicalOperator, kind: SetOperationKind, all: Bool, context: ExecutionContext
    ) throws {
        guard left.outputTypes == right.outputTypes else {
            throw ExecutionError(
                .internal, "set operation inputs have columns \(left.outputTypes) and \(right.outputTypes)")
        }
        self.left = left
        self.right = right
        self.kind = kind
        self.all = all
        self.context = context
        memory = context.reserveMemory(for: "the set operation")
        outputTypes = left.outputTypes
        table = GroupHashTable(keyTypes: left.outputTypes)
        readingRight = false
    }

    private let distinctAdvice = "UNION, INTERSECT and EXCEPT keep every distinct row; use UNION ALL, or fewer rows"

    public func next() throws -> Batch? {
        kind == .union ? try nextUnion() : try nextAgainstRight()
    }

    public func close() {
        left.close()
        right.close()
        finished = true
        memory.release()
    }

    private func nextUnion() throws -> Batch? {
        while !finished {
            try context.checkCancelled()
            let input = readingRight ? right : left
            guard let batch = try input.next() else {
                input.close()
                if readingRight { finished = true } else { readingRight = true }
                continue
            }
            if all { return batch }
            let before = table.groupCount
            let groups = table.findOrInsert(batch.columns, count: batch.count)
            try memory.resize(to: table.byteCount, advice: distinctAdvice)
            var fresh = [Bool](repeating: true, count: table.groupCount - before)
            var rows: [Int32] = []
            for (row, group) in groups.enumerated() where Int(group) >= before && fresh[Int(group) - before] {
                fresh[Int(group) - before] = false
                rows.append(Int32(row))
            }
            if rows.isEmpty { continue }
            return rows.count == batch.count ? batch : batch.gather(rows)
        }
        return nil
    }

    private func nextAgainstRight() throws -> Batch? {
        if !builtRight {
            while let batch = try right.next() {
                try context.checkCancelled()
                let groups = table.findOrInsert(batch.columns, count: batch.count)
                try memory.resize(to: table.byteCount + remaining.count * 8, advice: distinctAdvice)
                if remaining.count < table.groupCount {
                    remaining.append(contentsOf: repeatElement(0, count: table.groupCount - remaining.count))
                }
                for group in groups { remaining[Int(group)] += 1 }
            }
            right.close()
            rightGroups = table.groupCount
            emitted = [Bool](repeating: false, count: rightGroups)
            builtRight = true
        }
        while !finished {
            try context.checkCancelled()
            // INTERSECT with nothing on the right is empty whatever the left holds.
            guard !(rightGroups == 0 && kind == .intersect), let batch = try left.next() else {
                left.close()
                finished = true
                return nil
            }
            let groups = table.findOrInsert(batch.columns, count: batch.count)
            try memory.resize(to: table.byteCount + remaining.count * 8, advice: distinctAdvice)
            if emitted.count < table.groupCount {
                emitted.append(contentsOf: repeatElement(false, count: table.groupCount - emitted.count))
            }
            var rows: [Int32] = []
            for (row, group) in groups.enumerated() {
                let g = Int(group)
                let inRight = g < rightGroups
                let keep: Bool
                switch (kind, all) {
                case (.intersect, false):
                    keep = inRight && !emitted[g]
                    if keep { emitted[g] = true }
                case (.except, false):
                    keep = !inRight && !emitted[g]
                    if keep { emitted[g] = true }
                case (.intersect, true):
                    keep = inRight && remaining[g] > 0
                    if keep { remaining[g] -= 1 }
                case (.except, true):
                    if inRight && remaining[g] > 0 {
                        remaining[g] -= 1
                        keep = false
                    } else {
                        keep = true
                    }
                case (.union, _):
                    keep = true
                }
                if keep { rows.append(Int32(row)) }
            }
            if rows.isEmpty { continue }
            return rows.count == batch.count ? batch : batch.gather(rows)
        }
        return nil
    }
}
