// A scan's filters rewritten into a predicate over container statistics (DataFusion's pruning
// predicate): `x = 5` becomes `x_min <= 5 AND 5 <= x_max`, `x IS NULL` becomes `x_nulls > 0`, and so on.
// It is evaluated by the ordinary evaluator over a batch with one row per container (row group, page or
// fragment of pages), and a container is skipped only where it is FALSE: a part that cannot be rewritten
// is unknown, and unknown keeps the container. Containers' statistics are in the table's types (a
// narrower file column is widened first; a column a file lacks is all NULL).
import StrataCore
import StrataPlanner

struct PruningPredicate {
    /// Table columns whose statistics the predicate reads, in the order of the statistics batch.
    let columns: [Int]
    /// The table's type of each of those columns.
    let types: [DataType]
    /// TRUE or NULL where a container may hold a matching row, FALSE where it cannot. Reads the
    /// statistics batch: column 0 is the container's row count; for the k-th column, `1 + 3k` is its
    /// minimum, `2 + 3k` its maximum and `3 + 3k` its null count (NULL where unknown).
    let expression: BoundExpression

    /// The predicate for `filters` (conjuncts over `table` column positions); nil when no conjunct says
    /// anything statistics could answer.
    init?(filters: [BoundExpression], table: [Field]) {
        var builder = Builder(table: table)
        let rewritten = filters.compactMap { builder.rewrite($0) }
        guard !rewritten.isEmpty else { return nil }
        columns = builder.columns
        types = builder.columns.map { table[$0].type }
        expression = .coalesce([BoundExpression.conjunction(rewritten), .literal(.boolean(true), .boolean)], .boolean)
    }

    /// Position of the row count in the statistics batch.
    static let rowCountColumn = 0

    static func minColumn(_ k: Int) -> Int { 1 + 3 * k }
    static func maxColumn(_ k: Int) -> Int { 2 + 3 * k }
    static func nullCountColumn(_ k: Int) -> Int { 3 + 3 * k }

    /// Width of the statistics batch.
    var batchWidth: Int { 1 + 3 * columns.count }

    /// Builds the rewritten expression, collecting the columns it reads.
    private struct Builder {
        let table: [Field]
        var columns: [Int] = []

        init(table: [Field]) {
            self.table = table
        }

        /// Lists larger than this become one range check instead of one check per value.
        static let inListLimit = 64

        mutating func slot(_ column: Int) -> Int {
            if let existing = columns.firstIndex(of: column) { return existing }
            columns.append(column)
            return columns.count - 1
        }

        mutating func minimum(_ column: Int) -> BoundExpression {
            .column(PruningPredicate.minColumn(slot(column)), table[column].type)
        }

        mutating func maximum(_ column: Int) -> BoundExpression {
            .column(PruningPredicate.maxColumn(slot(column)), table[column].type)
        }

        mutating func nullCount(_ column: Int) -> BoundExpression {
            .column(PruningPredicate.nullCountColumn(slot(column)), .bigint)
        }

        var rowCount: BoundExpression { .column(PruningPredicate.rowCountColumn, .bigint) }

        /// The statistics form of `expression`, or nil when it is unknown.
        mutating func rewrite(_ expression: BoundExpression) -> BoundExpression? {
            switch expression {
            case .literal(.boolean(false), _), .literal(.null, _):
                return .literal(.boolean(false), .boolean)
            case .literal:
                return nil
            case .and(let operands):
                let parts = operands.compactMap { rewrite($0) }
                return parts.isEmpty ? nil : BoundExpression.conjunction(parts)
            case .or(let operands):
                var parts: [BoundExpression] = []
                for operand in operands {
                    guard let part = rewrite(operand) else { return nil }
                    parts.append(part)
                }
                return .or(parts)
            case .not(let inner):
                guard let negated = Self.negated(inner) else { return nil }
                return rewrite(negated)
            case .column(let index, .boolean):
                return comparison(.equal, ColumnReference(column: index, transform: nil, type: .boolean), .boolean(true))
            case .comparison(let op, let lhs, let rhs):
                if let column = ColumnReference(lhs), case .literal(let value, _) = rhs {
                    return comparison(op, column, value)
                }
                if let column = ColumnReference(rhs), case .literal(let value, _) = lhs {
                    return comparison(op.mirrored, column, value)
                }
                return nil
            case .isNull(.column(let index, _), let negated):
                let nulls = nullCount(index)
                return negated
                    ? .comparison(.less, nulls, rowCount)
                    : .comparison(.greater, nulls, .literal(.integer(0), .bigint))
            case .inList(let operand, let list, let negated):
                guard let column = ColumnReference(operand) else { return nil }
                var values: [Value] = []
                for item in list {
                    guard case .literal(let value, _) = item else { return nil }
                    values.append(value)
                }
                return inList(column, values, negated: negated)
            case .like(.column(let index, .varchar), .literal(.varchar(let pattern), _), let escape, false):
                var escapeCharacter: Character?
                if let escape {
                    guard case .literal(.varchar(let text), _) = escape, text.count == 1 else { return nil }
                    escapeCharacter = text.first
                }
                return like(index, pattern, escape: escapeCharacter)
            default:
                return nil
            }
        }

        private mutating func comparison(_ op: ComparisonOperator, _ column: ColumnReference, _ value: Value) -> BoundExpression? {
            let literal = BoundExpression.literal(value, column.type)
            if value.isNull {
                switch op {
                case .isNotDistinctFrom:
                    return .comparison(.greater, nullCount(column.column), .literal(.integer(0), .bigint))
                case .isDistinctFrom:
                    return .comparison(.less, nullCount(column.column), rowCount)
                default:
                    // `x = NULL` and the like are never TRUE.
                    return .literal(.boolean(false), .boolean)
                }
            }
            let low = column.apply(minimum(column.column))
            let high = column.apply(maximum(column.column))
            let notAllNull = BoundExpression.comparison(.notEqual, nullCount(column.column), rowCount)
            let bounds: BoundExpression
            switch op {
            case .equal, .isNotDistinctFrom:
                bounds = .and([.comparison(.lessOrEqual, low, literal), .comparison(.lessOrEqual, literal, high)])
            case .notEqual:
                // NaN is unequal to everything and never in a float column's bounds.
                guard !column.type.isFloatingPoint else { return nil }
                bounds = .or([.comparison(.notEqual, low, literal), .comparison(.notEqual, high, literal)])
            case .isDistinctFrom:
                guard !column.type.isFloatingPoint else { return nil }
                return .or([
                    .comparison(.greater, nullCount(column.column), .literal(.integer(0), .bigint)),
                    .comparison(.notEqual, low, literal), .comparison(.notEqual, high, literal),
                ])
            case .less: bounds = .comparison(.less, low, literal)
            case .lessOrEqual: bounds = .comparison(.lessOrEqual, low, literal)
            case .greater: bounds = .comparison(.greater, high, literal)
            case .greaterOrEqual: bounds = .comparison(.greaterOrEqual, high, literal)
            }
            return .and([notAllNull, bounds])
        }

        private mutating func inList(_ column: ColumnReference, _ values: [Value], negated: Bool) -> BoundExpression? {
            let present = values.filter { !$0.isNull }
            if negated {
                // NOT IN with a NULL in the list is never TRUE; otherwise a container whose every value
                // is one listed value has no match.
                if present.count != values.count { return .literal(.boolean(false), .boolean) }
                guard !column.type.isFloatingPoint, !present.isEmpty else { return nil }
                let low = column.apply(minimum(column.column))
                let high = column.apply(maximum(column.column))
                let literals = present.map { BoundExpression.literal($0, column.type) }
                return .and([
                    .comparison(.notEqual, nullCount(column.column), rowCount),
                    .not(.and([.comparison(.equal, low, high), .inList(low, literals, negated: false)])),
                ])
            }
            guard !present.isEmpty else { return .literal(.boolean(false), .boolean) }
            if present.count <= Self.inListLimit {
                return .or(present.map { comparison(.equal, column, $0)! })
            }
            let literals = present.map { BoundExpression.literal($0, column.type) }
            let low = column.apply(minimum(column.column))
            let high = column.apply(maximum(column.column))
            return .and([
                .comparison(.notEqual, nullCount(column.column), rowCount),
                .comparison(.lessOrEqual, low, .call(.greatest, literals, column.type)),
                .comparison(.lessOrEqual, .call(.least, literals, column.type), high),
            ])
        }

        /// `x LIKE 'prefix%...'`: a matching value starts with the prefix, so it is at least the prefix,
        /// and the minimum cut to the prefix's length is at most the prefix.
        private mutating func like(_ column: Int, _ pattern: String, escape: Character?) -> BoundExpression? {
            var prefix = ""
            var hasWildcard = false
            var iterator = pattern.makeIterator()
            while let character = iterator.next() {
                if let escape, character == escape {
                    guard let escaped = iterator.next() else { return nil }
                    prefix.append(escaped)
                    continue
                }
                if character == "%" || character == "_" {
                    hasWildcard = true
                    break
                }
                prefix.append(character)
            }
            let reference = ColumnReference(column: column, transform: nil, type: .varchar)
            if !hasWildcard { return comparison(.equal, reference, .varchar(prefix)) }
            guard !prefix.isEmpty else { return nil }
            let literal = BoundExpression.literal(.varchar(prefix), .varchar)
            let length = BoundExpression.literal(.integer(Int64(prefix.unicodeScalars.count)), .bigint)
            let cut = BoundExpression.call(.substr, [minimum(column), .literal(.integer(1), .bigint), length], .varchar)
            return .and([
                .comparison(.notEqual, nullCount(column), rowCount),
                .comparison(.greaterOrEqual, maximum(column), literal),
                .comparison(.lessOrEqual, cut, literal),
            ])
        }

        /// NOT pushed one level down, where the result is again something statistics can answer.
        static func negated(_ expression: BoundExpression) -> BoundExpression? {
            switch expression {
            case .not(let inner): return inner
            case .and(let operands): return .or(operands.map { .not($0) })
            case .or(let operands): return .and(operands.map { .not($0) })
            case .comparison(let op, let lhs, let rhs):
                guard let inverse = op.inverse else { return nil }
                return .comparison(inverse, lhs, rhs)
            case .isNull(let operand, let negated): return .isNull(operand, negated: !negated)
            case .inList(let operand, let list, let negated): return .inList(operand, list, negated: !negated)
            case .column(_, .boolean): return .comparison(.equal, expression, .literal(.boolean(false), .boolean))
            case .literal(.boolean(let value), _): return .literal(.boolean(!value), .boolean)
            default: return nil
            }
        }
    }
}

/// A column as a predicate reads it: bare, or through a cast that keeps the order of values and cannot
/// fail (widening a number, a date to a timestamp, a timestamp to its date), so bounds of the column
/// give bounds of the cast.
private struct ColumnReference {
    let column: Int
    /// The cast applied to the column (its target type), if any.
    let transform: DataType?
    let type: DataType

    init(column: Int, transform: DataType?, type: DataType) {
        self.column = column
        self.transform = transform
        self.type = type
    }

    init?(_ expression: BoundExpression) {
        switch expression {
        case .column(let index, let type):
            self.init(column: index, transform: nil, type: type)
        case .cast(.column(let index, let source), let target, _):
            guard ColumnReference.preservesOrder(from: source, to: target) else { return nil }
            self.init(column: index, transform: target, type: target)
        default:
            return nil
        }
    }

    func apply(_ bound: BoundExpression) -> BoundExpression {
        guard let transform else { return bound }
        return .cast(bound, to: transform, isTry: true)
    }

    static func preservesOrder(from source: DataType, to target: DataType) -> Bool {
        let integers: [DataType] = [.tinyint, .smallint, .integer, .bigint]
        if let from = integers.firstIndex(of: source) {
            if let to = integers.firstIndex(of: target) { return to >= from }
            return target.isFloatingPoint || target.isDecimal
        }
        switch (source, target) {
        case (.real, .double): return true
        case (.decimal, .double), (.decimal, .real): return true
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)): return s2 >= s1 && p2 - s2 >= p1 - s1
        case (.date, .timestamp), (.timestamp, .date): return true
        default: return false
        }
    }
}

extension ComparisonOperator {
    /// The operator that is TRUE exactly where this one is FALSE (both NULL on NULL operands).
    var inverse: ComparisonOperator? {
        switch self {
        case .equal: return .notEqual
        case .notEqual: return .equal
        case .less: return .greaterOrEqual
        case .lessOrEqual: return .greater
        case .greater: return .lessOrEqual
        case .greaterOrEqual: return .less
        case .isDistinctFrom: return .isNotDistinctFrom
        case .isNotDistinctFrom: return .isDistinctFrom
        }
    }
}
