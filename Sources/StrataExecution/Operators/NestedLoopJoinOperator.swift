// Joins without equality keys: cross joins and joins on arbitrary conditions (`a.x < b.y`). The right
// input is held in memory; each left batch is paired with every right row, a batch of pairs at a time,
// and the condition is evaluated over each batch of pairs. A right side of one row (a scalar subquery's
// result) is joined without pairing: its values ride along as constant columns.
import StrataCore
import StrataPlanner

public final class NestedLoopJoinOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    public let kind: JoinKind
    private let left: PhysicalOperator
    private let right: PhysicalOperator
    private let condition: BoundExpression?
    private let context: ExecutionContext
    private let memory: MemoryReservation
    private let evaluator: ExpressionEvaluator
    private let leftTypes: [DataType]
    private let rightTypes: [DataType]

    private var rightRows: Batch?
    private var current: Batch?
    private var cursorLeft = 0
    private var cursorRight = 0
    private var leftMatched: [Bool] = []
    private var rightMatched: [Bool] = []
    private var leftFinished = false
    private var unmatchedRightCursor = 0
    private var finished = false

    /// `kind` is cross, inner, left, right, full, semi or anti; `condition` (none for a cross join)
    /// refers to the left columns then the right columns.
    public init(
        left: PhysicalOperator, right: PhysicalOperator, kind: JoinKind, condition: BoundExpression? = nil,
        context: ExecutionContext
    ) throws {
        guard kind != .nullAwareAnti else {
            throw ExecutionError(.notSupported, "NOT IN is planned as a hash join")
        }
        if kind == .cross && condition != nil {
            throw ExecutionError(.internal, "a cross join has no condition")
        }
        self.left = left
        self.right = right
        self.kind = kind == .cross ? .inner : kind
        self.condition = condition
        self.context = context
        memory = context.reserveMemory(for: "the nested-loop join's right side")
        evaluator = ExpressionEvaluator(context: context)
        leftTypes = left.outputTypes
        rightTypes = right.outputTypes
        outputTypes = kind.emitsLeftOnly ? leftTypes : leftTypes + rightTypes
    }

    public func next() throws -> Batch? {
        let rightRows = try materializeRight()
        while !finished {
            try context.checkCancelled()
            if !leftFinished {
                if current == nil {
                    if rightRows.count == 0 && (kind == .inner || kind == .semi || kind == .right) {
                        left.close()
                        leftFinished = true
                        continue
                    }
                    guard let batch = try left.next() else {
                        left.close()
                        leftFinished = true
                        continue
                    }
                    current = batch
                    cursorLeft = 0
                    cursorRight = 0
                    leftMatched = [Bool](repeating: false, count: batch.count)
                }
                if let output = try produce(rightRows), output.count > 0 { return output }
                continue
            }
            if kind == .right || kind == .full, let output = unmatchedRight(rightRows) { return output }
            finished = true
        }
        return nil
    }

    public func close() {
        left.close()
        right.close()
        finished = true
        memory.release()
    }

    private func materializeRight() throws -> Batch {
        if let rightRows { return rightRows }
        let batches = try memory.drain(
            right, context: context,
            advice: "a join without an equality condition holds its whole right side; add an equality condition or filter that side")
        let rows = Batch.concatenate(batches, types: rightTypes)
        rightRows = rows
        if kind == .right || kind == .full { rightMatched = [Bool](repeating: false, count: rows.count) }
        return rows
    }

    private func produce(_ rightRows: Batch) throws -> Batch? {
        guard let batch = current else { return nil }
        if cursorLeft < batch.count && rightRows.count > 0 {
            return try pairChunk(batch, rightRows)
        }
        current = nil
        var rows: [Int32] = []
        switch kind {
        case .left, .full, .anti: for row in 0..<batch.count where !leftMatched[row] { rows.append(Int32(row)) }
        case .semi: for row in 0..<batch.count where leftMatched[row] { rows.append(Int32(row)) }
        default: return nil
        }
        if rows.isEmpty { return nil }
        let leftColumns = batch.columns.map { $0.gather(rows) }
        if kind.emitsLeftOnly { return Batch(columns: leftColumns, count: rows.count) }
        return Batch(columns: leftColumns + rightTypes.map { Column.nulls($0, count: rows.count) }, count: rows.count)
    }

    /// The next batch of (left row, right row) pairs that satisfy the condition.
    private func pairChunk(_ batch: Batch, _ rightRows: Batch) throws -> Batch? {
        var leftRows: [Int32]
        var rightIndices: [Int32]
        var leftColumns: [Column]
        var rightColumns: [Column]
        if rightRows.count == 1 {
            // Every left row pairs with the single right row: no pairing needed.
            leftRows = (0..<Int32(batch.count)).map { $0 }
            rightIndices = [Int32](repeating: 0, count: batch.count)
            leftColumns = batch.columns
            rightColumns = rightRows.columns.map { Column.constant($0, count: batch.count) }
            cursorLeft = batch.count
        } else {
            let limit = context.batchSize
            leftRows = []
            rightIndices = []
            leftRows.reserveCapacity(limit)
            rightIndices.reserveCapacity(limit)
            while cursorLeft < batch.count && leftRows.count < limit {
                let take = min(rightRows.count - cursorRight, limit - leftRows.count)
                for index in cursorRight..<(cursorRight + take) {
                    leftRows.append(Int32(cursorLeft))
                    rightIndices.append(Int32(index))
                }
                cursorRight += take
                if cursorRight == rightRows.count {
                    cursorRight = 0
                    cursorLeft += 1
                }
            }
            leftColumns = batch.columns.map { $0.gather(leftRows) }
            rightColumns = rightRows.columns.map { $0.gather(rightIndices) }
        }
        var count = leftRows.count
        if let condition {
            let pairs = Batch(columns: leftColumns + rightColumns, count: count)
            let selected = try evaluator.selectRows(where: condition, in: pairs)
            if selected.count < count {
                leftRows = selected.map { leftRows[Int($0)] }
                rightIndices = selected.map { rightIndices[Int($0)] }
                if !kind.emitsLeftOnly {
                    leftColumns = leftColumns.map { $0.gather(selected) }
                    rightColumns = rightColumns.map { $0.gather(selected) }
                }
                count = selected.count
            }
        }
        for row in leftRows { leftMatched[Int(row)] = true }
        if !rightMatched.isEmpty {
            for row in rightIndices { rightMatched[Int(row)] = true }
        }
        if kind.emitsLeftOnly { return nil }
        return Batch(columns: leftColumns + rightColumns, count: count)
    }

    private func unmatchedRight(_ rightRows: Batch) -> Batch? {
        var rows: [Int32] = []
        while unmatchedRightCursor < rightRows.count && rows.count < context.batchSize {
            if !rightMatched[unmatchedRightCursor] { rows.append(Int32(unmatchedRightCursor)) }
            unmatchedRightCursor += 1
        }
        if rows.isEmpty { return nil }
        let leftColumns = leftTypes.map { Column.nulls($0, count: rows.count) }
        return Batch(columns: leftColumns + rightRows.columns.map { $0.gather(rows) }, count: rows.count)
    }
}
