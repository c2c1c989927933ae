// Evaluates bound expressions over batches, a column at a time. The lazy forms (CASE, COALESCE, AND, OR)
// narrow the rows their later operands see, so `CASE WHEN x <> 0 THEN 10 / x END` never divides by zero;
// `try(...)` collects the rows that fail beneath it and makes them NULL. One evaluator serves one operator
// (it caches compiled patterns) and is driven by one thread at a time.
import StrataCore
import StrataPlanner

public final class ExpressionEvaluator {
    public let context: ExecutionContext
    /// Where failures go while evaluating under `try(...)`; nil outside.
    private var failures: RowFailures?
    /// Compiled LIKE and regular-expression patterns, by pattern text.
    var patternCache = PatternCache()

    public init(context: ExecutionContext) {
        self.context = context
    }

    /// The values of `expression` for every row of `batch` (a column of `batch.count` rows; constant
    /// results have constant storage).
    public func evaluate(_ expression: BoundExpression, on batch: Batch) throws -> Column {
        try evaluate(expression, in: EvaluationScope(batch: batch))
    }

    /// The rows of `batch` where `predicate` is TRUE (not FALSE, not NULL), ascending.
    public func selectRows(where predicate: BoundExpression, in batch: Batch) throws -> [Int32] {
        try select(predicate, in: EvaluationScope(batch: batch))
    }

    // MARK: - Dispatch

    func evaluate(_ expression: BoundExpression, in scope: EvaluationScope) throws -> Column {
        switch expression {
        case .column(let index, let type):
            let column = try scope.column(index)
            guard column.type == type || type == .unknown else {
                throw ExecutionError(.internal, "input column \(index) is \(column.type), the plan expects \(type)")
            }
            return column
        case .literal(let value, let type):
            guard value.fits(type) else {
                throw ExecutionError(.internal, "a literal \(value) cannot be stored as \(type)")
            }
            return Column.constant(value, type, count: scope.count)
        case .cast(let operand, let target, let isTry):
            let input = try evaluate(operand, in: scope)
            return try CastKernel.cast(input, to: target, isTry: isTry, context: kernelContext(scope))
        case .arithmetic(let op, let lhs, let rhs, let type):
            let left = try evaluate(lhs, in: scope)
            let right = try evaluate(rhs, in: scope)
            return try ArithmeticKernel.apply(op, left, right, resultType: type, context: kernelContext(scope))
        case .negate(let operand):
            let input = try evaluate(operand, in: scope)
            return try ArithmeticKernel.negate(input, context: kernelContext(scope))
        case .comparison(let op, let lhs, let rhs):
            var left = try evaluate(lhs, in: scope)
            var right = try evaluate(rhs, in: scope)
            if left.type != right.type {
                // The binder casts both sides to one type; this covers plans built by hand.
                guard let common = TypeCoercion.commonSupertype(left.type, right.type) else {
                    throw ExecutionError(.internal, "cannot compare \(left.type) with \(right.type)")
                }
                left = try CastKernel.cast(left, to: common, isTry: false, context: kernelContext(scope))
                right = try CastKernel.cast(right, to: common, isTry: false, context: kernelContext(scope))
            }
            return try ComparisonKernel.compare(op, left, right, context: kernelContext(scope))
        case .and(let operands):
            return try evaluateConnective(operands, isAnd: true, in: scope)
        case .or(let operands):
            return try evaluateConnective(operands, isAnd: false, in: scope)
        case .not(let operand):
            return try LogicKernel.not(try evaluate(operand, in: scope))
        case .isNull(let operand, let negated):
            return LogicKernel.isNull(try evaluate(operand, in: scope), negated: negated)
        case .inList(let operand, let list, let negated):
            return try evaluateInList(operand, list, negated: negated, in: scope)
        case .like(let operand, let pattern, let escape, let negated):
            let value = try evaluate(operand, in: scope)
            let patternColumn = try evaluate(pattern, in: scope)
            let escapeColumn = try escape.map { try evaluate($0, in: scope) }
            let matched = try LikeKernel.like(
                value, pattern: patternColumn, escape: escapeColumn, cache: &patternCache, context: kernelContext(scope))
            return negated ? try LogicKernel.not(matched) : matched
        case .caseWhen(let branches, let otherwise, let type):
            return try evaluateCase(branches, otherwise: otherwise, type: type, in: scope)
        case .coalesce(let operands, let type):
            return try evaluateCoalesce(operands, type: type, in: scope)
        case .tryExpression(let inner):
            return try evaluateTry(inner, in: scope)
        case .call(let function, let arguments, let type):
            let values = try arguments.map { try evaluate($0, in: scope) }
            return try FunctionKernels.call(function, values, resultType: type, evaluator: self, context: kernelContext(scope))
        }
    }

    func kernelContext(_ scope: EvaluationScope) -> KernelContext {
        KernelContext(scope: scope, failures: failures)
    }

    // MARK: - Predicates

    /// Positions in `scope` where `predicate` is TRUE. AND narrows the rows its later operands see; OR
    /// only looks for the rows not yet selected.
    func select(_ predicate: BoundExpression, in scope: EvaluationScope) throws -> [Int32] {
        switch predicate {
        case .and(let operands):
            var positions: [Int32]? = nil
            var current = scope
            for operand in operands {
                let selected = try select(operand, in: current)
                if let outer = positions {
                    positions = selected.map { outer[Int($0)] }
                } else {
                    positions = selected
                }
                if positions!.isEmpty { return [] }
                current = scope.narrowed(to: positions!)
            }
            return positions ?? Array(0..<Int32(scope.count))
        case .or(let operands):
            var chosen = [Bool](repeating: false, count: scope.count)
            var remaining = Array(0..<Int32(scope.count))
            for operand in operands {
                if remaining.isEmpty { break }
                let selected = try select(operand, in: scope.narrowed(to: remaining))
                if selected.isEmpty { continue }
                for position in selected { chosen[Int(remaining[Int(position)])] = true }
                remaining = remaining.filter { !chosen[Int($0)] }
            }
            var positions: [Int32] = []
            positions.reserveCapacity(scope.count - remaining.count)
            for (position, isChosen) in chosen.enumerated() where isChosen { positions.append(Int32(position)) }
            return positions
        case .literal(let value, _):
            return value == .boolean(true) ? Array(0..<Int32(scope.count)) : []
        case .comparison(let op, .column(let index, let type), .literal(let value, let literalType)) where type == literalType,
            .comparison(let op, .literal(let value, let literalType), .column(let index, let type)) where type == literalType:
            // Flip `constant op column` around so the column is on the left.
            var direction = op
            if case .literal = predicate.operands[0] { direction = op.mirrored }
            if index < scope.batch.columns.count, scope.batch.columns[index].type == type,
                let positions = SelectionKernel.select(scope.batch.columns[index], rows: scope.rows, count: scope.count, direction, value)
            {
                return positions
            }
            return LogicKernel.trueRows(try evaluate(predicate, in: scope))
        default:
            return LogicKernel.trueRows(try evaluate(predicate, in: scope))
        }
    }

    // MARK: - Lazy forms

    /// Three-valued AND (OR): each operand only sees the rows whose outcome is still open, i.e. not yet
    /// FALSE (TRUE).
    private func evaluateConnective(_ operands: [BoundExpression], isAnd: Bool, in scope: EvaluationScope) throws -> Column {
        guard let first = operands.first else {
            return Column.constant(.boolean(isAnd), .boolean, count: scope.count)
        }
        var result = try evaluate(first, in: scope)
        if operands.count == 1 { return result }
        // Decided rows keep their value; open rows are those not equal to the deciding value.
        let decisive: UInt8 = isAnd ? 0 : 1
        let count = scope.count
        var outcome = [UInt8](repeating: 1 - decisive, count: count)
        var isNull = [Bool](repeating: false, count: count)
        var open = Array(0..<Int32(count))
        LogicKernel.absorb(result, positions: open, decisive: decisive, outcome: &outcome, isNull: &isNull, open: &open)
        for operand in operands.dropFirst() {
            if open.isEmpty { break }
            result = try evaluate(operand, in: scope.narrowed(to: open))
            LogicKernel.absorb(result, positions: open, decisive: decisive, outcome: &outcome, isNull: &isNull, open: &open)
        }
        return LogicKernel.booleanColumn(outcome, isNull: isNull)
    }

    private func evaluateCase(
        _ branches: [CaseBranch], otherwise: BoundExpression?, type: DataType, in scope: EvaluationScope
    ) throws -> Column {
        var remaining = Array(0..<Int32(scope.count))
        var pieces: [AssemblyPiece] = []
        for branch in branches {
            if remaining.isEmpty { break }
            let matched = try select(branch.condition, in: scope.narrowed(to: remaining))
            if matched.isEmpty { continue }
            if matched.count == remaining.count {
                pieces.append(try piece(branch.result, covering: remaining, in: scope))
                remaining = []
                break
            }
            let (taken, left) = LogicKernel.split(remaining, at: matched)
            pieces.append(try piece(branch.result, covering: taken, in: scope))
            remaining = left
        }
        if let otherwise, !remaining.isEmpty {
            pieces.append(try piece(otherwise, covering: remaining, in: scope))
        }
        return try assemble(pieces, type: type, count: scope.count)
    }

    /// The values of `expression` for `positions` of `scope`. Columns and literals are read in place;
    /// anything else is evaluated on just those rows, so it cannot fail on rows that never reach it.
    private func piece(_ expression: BoundExpression, covering positions: [Int32], in scope: EvaluationScope) throws -> AssemblyPiece {
        switch expression {
        case .column, .literal:
            return AssemblyPiece(positions: positions, values: try evaluate(expression, in: scope), sourceRows: positions)
        default:
            return AssemblyPiece(positions: positions, values: try evaluate(expression, in: scope.narrowed(to: positions)), sourceRows: nil)
        }
    }

    private func evaluateCoalesce(_ operands: [BoundExpression], type: DataType, in scope: EvaluationScope) throws -> Column {
        var remaining = Array(0..<Int32(scope.count))
        var pieces: [AssemblyPiece] = []
        for operand in operands {
            if remaining.isEmpty { break }
            let values = try evaluate(operand, in: scope.narrowed(to: remaining))
            if values.nullCount == 0 {
                pieces.append(AssemblyPiece(positions: remaining, values: values, sourceRows: nil))
                remaining = []
                break
            }
            if values.isConstantNull { continue }
            var present: [Int32] = []
            var presentRows: [Int32] = []
            var absent: [Int32] = []
            for (index, position) in remaining.enumerated() {
                if values.isNull(index) {
                    absent.append(position)
                } else {
                    present.append(position)
                    presentRows.append(Int32(index))
                }
            }
            if !present.isEmpty { pieces.append(AssemblyPiece(positions: present, values: values, sourceRows: presentRows)) }
            remaining = absent
        }
        return try assemble(pieces, type: type, count: scope.count)
    }

    /// One column of `count` rows from pieces that each cover some positions; uncovered rows are NULL.
    private func assemble(_ pieces: [AssemblyPiece], type: DataType, count: Int) throws -> Column {
        for piece in pieces where piece.values.type != type && piece.values.type != .unknown {
            throw ExecutionError(.internal, "a branch produced \(piece.values.type) where \(type) was expected")
        }
        if pieces.isEmpty { return Column.nulls(type, count: count) }
        if pieces.count == 1 && pieces[0].positions.count == count && pieces[0].values.type == type
            && pieces[0].values.count == count
        {
            return pieces[0].values
        }
        return ColumnAssembler.assemble(pieces, type: type, count: count)
    }

    private func evaluateTry(_ inner: BoundExpression, in scope: EvaluationScope) throws -> Column {
        let outer = failures
        let collected = RowFailures()
        failures = collected
        defer { failures = outer }
        let result: Column
        do {
            result = try evaluate(inner, in: scope)
        } catch let error as ExecutionError where error.isCaughtByTry {
            // A failure not tied to a row (a malformed constant pattern, say) fails every row.
            return Column.nulls(inner.type, count: scope.count)
        }
        if collected.isEmpty { return result }
        var order = Array(0..<Int32(scope.count))
        for position in 0..<scope.count where collected.batchRows.contains(scope.batchRow(position)) {
            order[position] = -1
        }
        return result.gather(order)
    }

    // MARK: - IN

    private func evaluateInList(
        _ operand: BoundExpression, _ list: [BoundExpression], negated: Bool, in scope: EvaluationScope
    ) throws -> Column {
        let value = try evaluate(operand, in: scope)
        let context = kernelContext(scope)
        var result: Column
        if list.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
            let literals = list.map { expression -> Value in
                if case .literal(let literal, _) = expression { return literal }
                return .null
            }
            let candidates = try CastKernel.castLiterals(literals, from: list.map(\.type), to: value.type)
            result = try InListKernel.contains(value, candidates, context: context)
        } else {
            // x IN (a, b) is x = a OR x = b, with three-valued logic.
            result = Column.constant(.boolean(false), .boolean, count: scope.count)
            for item in list {
                var candidate = try evaluate(item, in: scope)
                if candidate.type != value.type {
                    candidate = try CastKernel.cast(candidate, to: value.type, isTry: false, context: context)
                }
                let equal = try ComparisonKernel.compare(.equal, value, candidate, context: context)
                result = LogicKernel.or(result, equal)
            }
        }
        return negated ? try LogicKernel.not(result) : result
    }
}
