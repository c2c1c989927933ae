// Walking and rewriting bound expressions: what the optimizer needs to move expressions between plan
// nodes (which columns an expression reads, renumbering them, replacing them by other expressions).
import StrataCore

extension BoundExpression {
    /// The direct subexpressions, in order.
    public var children: [BoundExpression] {
        switch self {
        case .column, .literal: return []
        case .cast(let inner, _, _), .negate(let inner), .not(let inner), .isNull(let inner, _),
            .tryExpression(let inner):
            return [inner]
        case .arithmetic(_, let left, let right, _), .comparison(_, let left, let right): return [left, right]
        case .and(let operands), .or(let operands), .coalesce(let operands, _), .call(_, let operands, _):
            return operands
        case .inList(let value, let list, _): return [value] + list
        case .like(let value, let pattern, let escape, _): return [value, pattern] + (escape.map { [$0] } ?? [])
        case .caseWhen(let branches, let otherwise, _):
            return branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        }
    }

    /// This expression with its direct subexpressions replaced by `children` (same count and order).
    public func replacingChildren(_ children: [BoundExpression]) -> BoundExpression {
        switch self {
        case .column, .literal: return self
        case .cast(_, let type, let isTry): return .cast(children[0], to: type, isTry: isTry)
        case .negate: return .negate(children[0])
        case .not: return .not(children[0])
        case .isNull(_, let negated): return .isNull(children[0], negated: negated)
        case .tryExpression: return .tryExpression(children[0])
        case .arithmetic(let op, _, _, let type): return .arithmetic(op, children[0], children[1], type)
        case .comparison(let op, _, _): return .comparison(op, children[0], children[1])
        case .and: return .and(children)
        case .or: return .or(children)
        case .coalesce(_, let type): return .coalesce(children, type)
        case .call(let function, _, let type): return .call(function, children, type)
        case .inList(_, _, let negated): return .inList(children[0], Array(children.dropFirst()), negated: negated)
        case .like(_, _, let escape, let negated):
            return .like(children[0], pattern: children[1], escape: escape == nil ? nil : children[2], negated: negated)
        case .caseWhen(let branches, let otherwise, let type):
            let newBranches = (0..<branches.count).map {
                CaseBranch(condition: children[2 * $0], result: children[2 * $0 + 1])
            }
            return .caseWhen(newBranches, otherwise: otherwise == nil ? nil : children.last, type)
        }
    }

    /// Rewrites bottom-up: `transform` sees each node after its children were rewritten, and returns
    /// a replacement or nil to keep it.
    public func transformed(_ transform: (BoundExpression) -> BoundExpression?) -> BoundExpression {
        let kids = children
        let rewritten = kids.isEmpty ? self : replacingChildren(kids.map { $0.transformed(transform) })
        return transform(rewritten) ?? rewritten
    }

    /// Whether `predicate` holds for this node or any subexpression.
    public func contains(where predicate: (BoundExpression) -> Bool) -> Bool {
        if predicate(self) { return true }
        return children.contains { $0.contains(where: predicate) }
    }

    /// Positions of the input columns the expression reads.
    public var referencedColumns: Set<Int> {
        var columns = Set<Int>()
        collectColumns(into: &columns)
        return columns
    }

    private func collectColumns(into columns: inout Set<Int>) {
        if case .column(let index, _) = self {
            columns.insert(index)
            return
        }
        for child in children { child.collectColumns(into: &columns) }
    }

    /// This expression with column `i` read as column `mapping(i)`.
    public func remappingColumns(_ mapping: (Int) -> Int) -> BoundExpression {
        transformed {
            if case .column(let index, let type) = $0 { return .column(mapping(index), type) }
            return nil
        }
    }

    /// This expression with each column reference `i` replaced by `replacements[i]` (inlining a
    /// projection below it).
    public func substitutingColumns(_ replacements: [BoundExpression]) -> BoundExpression {
        transformed {
            if case .column(let index, _) = $0 { return replacements[index] }
            return nil
        }
    }

    /// Whether evaluating the expression twice on the same row gives the same value.
    public var isDeterministic: Bool {
        !contains {
            if case .call(let function, _, _) = $0 { return !function.isDeterministic }
            return false
        }
    }

    /// The operands of a top-level AND (the expression itself otherwise), flattened.
    public var conjuncts: [BoundExpression] {
        if case .and(let operands) = self { return operands.flatMap(\.conjuncts) }
        if case .literal(.boolean(true), _) = self { return [] }
        return [self]
    }

    /// The AND of `conjuncts` (TRUE when empty).
    public static func conjunction(_ conjuncts: [BoundExpression]) -> BoundExpression {
        switch conjuncts.count {
        case 0: return .literal(.boolean(true), .boolean)
        case 1: return conjuncts[0]
        default: return .and(conjuncts)
        }
    }
}
