// Walking and rewriting bound expressions: what the optimizer needs to move expressions between plan
// nodes (which columns an expression reads, renumbering them, replacing them by other expressions).
import StrataCore

extension BoundExpression {
    /// This expression with its operands replaced by `children` (same count and order as `operands`).
    public func replacingOperands(_ children: [BoundExpression]) -> BoundExpression {
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
        let kids = operands
        let rewritten = kids.isEmpty ? self : replacingOperands(kids.map { $0.transformed(transform) })
        return transform(rewritten) ?? rewritten
    }

    /// Whether `predicate` holds for this node or any subexpression.
    public func contains(where predicate: (BoundExpression) -> Bool) -> Bool {
        if predicate(self) { return true }
        return operands.contains { $0.contains(where: predicate) }
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
        for child in operands { child.collectColumns(into: &columns) }
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
