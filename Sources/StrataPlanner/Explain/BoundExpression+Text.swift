// Bound expressions as SQL-like text, with input columns named, for EXPLAIN and error messages.
import StrataCore

extension BoundExpression {
    /// The expression as text, naming column `i` as `inputNames[i]`.
    public func text(_ inputNames: [String]) -> String {
        func inner(_ expression: BoundExpression) -> String { expression.text(inputNames) }
        switch self {
        case .column(let index, _):
            return index < inputNames.count ? inputNames[index] : "#\(index)"
        case .literal(let value, let type):
            return BoundExpression.literalText(value, type)
        case .cast(let operand, let type, let isTry):
            return (isTry ? "TRY_CAST(" : "CAST(") + inner(operand) + " AS \(type.sqlName))"
        case .arithmetic(let op, let left, let right, _):
            return "(" + inner(left) + " \(op.rawValue) " + inner(right) + ")"
        case .negate(let operand):
            return "-" + inner(operand)
        case .comparison(let op, let left, let right):
            return inner(left) + " \(op.rawValue) " + inner(right)
        case .and(let operands):
            return "(" + operands.map(inner).joined(separator: " AND ") + ")"
        case .or(let operands):
            return "(" + operands.map(inner).joined(separator: " OR ") + ")"
        case .not(let operand):
            return "NOT " + inner(operand)
        case .isNull(let operand, let negated):
            return inner(operand) + (negated ? " IS NOT NULL" : " IS NULL")
        case .inList(let value, let list, let negated):
            return inner(value) + (negated ? " NOT IN (" : " IN (") + list.map(inner).joined(separator: ", ") + ")"
        case .like(let value, let pattern, let escape, let negated):
            var text = inner(value) + (negated ? " NOT LIKE " : " LIKE ") + inner(pattern)
            if let escape { text += " ESCAPE " + inner(escape) }
            return text
        case .caseWhen(let branches, let otherwise, _):
            var text = "CASE"
            for branch in branches { text += " WHEN " + inner(branch.condition) + " THEN " + inner(branch.result) }
            if let otherwise { text += " ELSE " + inner(otherwise) }
            return text + " END"
        case .coalesce(let operands, _):
            return "coalesce(" + operands.map(inner).joined(separator: ", ") + ")"
        case .tryExpression(let operand):
            return "try(" + inner(operand) + ")"
        case .call(let function, let arguments, _):
            return function.rawValue + "(" + arguments.map(inner).joined(separator: ", ") + ")"
        }
    }

    static func literalText(_ value: Value, _ type: DataType) -> String {
        guard let text = ValueFormatter.text(value, type: type) else { return "NULL" }
        switch type {
        case .varchar: return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .date: return "DATE '\(text)'"
        case .timestamp: return "TIMESTAMP '\(text)'"
        case .time: return "TIME '\(text)'"
        case .interval: return "INTERVAL '\(text)'"
        case .varbinary: return "X'" + (value.binaryHex ?? "") + "'"
        case .decimal, .real, .double, .boolean, .tinyint, .smallint, .integer, .bigint, .unknown: return text
        }
    }
}

extension Value {
    fileprivate var binaryHex: String? {
        guard case .varbinary(let bytes) = self else { return nil }
        let digits = Array("0123456789ABCDEF")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}

extension BoundAggregate {
    public func text(_ inputNames: [String]) -> String {
        let name = function == .countStar ? "count" : function.rawValue
        var arguments = self.arguments.map { $0.text(inputNames) }.joined(separator: ", ")
        if function == .countStar { arguments = "*" }
        var text = name + "(" + (isDistinct ? "DISTINCT " : "") + arguments + ")"
        if let filter { text += " FILTER (WHERE " + filter.text(inputNames) + ")" }
        return text
    }
}

extension SortKey {
    public func text(_ inputNames: [String]) -> String {
        expression.text(inputNames) + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST")
    }
}
