// Builds hash tables on the smaller input. Execution probes with a join's left input and builds from its
// right, so when the left is clearly the smaller, the sides are swapped (LEFT becomes RIGHT and the other
// way round) and a projection puts the columns back in the order the query expects.
import StrataCore

public struct ChooseJoinSides: OptimizerRule {
    public let name = "choose join sides"
    /// Bytes a scan will read (after partition pruning), when the lake can tell.
    let estimateScan: (TableScan) -> Int?

    public init(estimateScan: @escaping (TableScan) -> Int?) {
        self.estimateScan = estimateScan
    }

    public func rewrite(_ plan: LogicalPlan) throws -> LogicalPlan? {
        var changed = false
        let result = plan.transformedUp(&changed) { node -> LogicalPlan? in
            guard case .join(let left, let right, let kind, let condition?) = node,
                let swappedKind = ChooseJoinSides.swapped(kind), ChooseJoinSides.hasEquality(condition, leftWidth: left.schema.count),
                let leftSize = estimate(left), let rightSize = estimate(right), leftSize * 2 < rightSize
            else { return nil }
            let leftWidth = left.schema.count
            let rightWidth = right.schema.count
            // In the swapped join the right input's columns come first.
            let remapped = condition.remappingColumns { $0 < leftWidth ? $0 + rightWidth : $0 - leftWidth }
            let swapped = LogicalPlan.join(right, left, kind: swappedKind, condition: remapped)
            let schema = swapped.schema
            let restore = (0..<leftWidth).map { BoundExpression.column(rightWidth + $0, schema[rightWidth + $0].type) }
                + (0..<rightWidth).map { BoundExpression.column($0, schema[$0].type) }
            return .project(swapped, expressions: restore, names: node.schema.map(\.name))
        }
        return changed ? result : nil
    }

    /// The kind with the inputs exchanged; nil for kinds whose output is one side only.
    static func swapped(_ kind: JoinKind) -> JoinKind? {
        switch kind {
        case .inner: return .inner
        case .left: return .right
        case .right: return .left
        case .full: return .full
        case .cross, .semi, .anti, .nullAwareAnti: return nil
        }
    }

    /// Whether the condition has an equality between the two sides (a hash join, not a nested loop).
    static func hasEquality(_ condition: BoundExpression, leftWidth: Int) -> Bool {
        condition.conjuncts.contains { conjunct in
            guard case .comparison(.equal, let a, let b) = conjunct else { return false }
            let (x, y) = (a.referencedColumns, b.referencedColumns)
            guard !x.isEmpty, !y.isEmpty else { return false }
            return x.allSatisfy { $0 < leftWidth } && y.allSatisfy { $0 >= leftWidth }
                || x.allSatisfy { $0 >= leftWidth } && y.allSatisfy { $0 < leftWidth }
        }
    }

    /// A rough size of what a plan produces: scans by their bytes, and the rest following its input.
    /// Only the order of magnitude matters.
    func estimate(_ plan: LogicalPlan) -> Int? {
        switch plan {
        case .scan(let scan): return estimateScan(scan)
        case .values(let rows, _): return rows.count * 16
        case .filter(let input, _): return estimate(input).map { $0 / 2 }
        case .aggregate(let input, let groupBy, _, _): return groupBy.isEmpty ? 16 : estimate(input).map { $0 / 4 }
        case .limit(let input, let limit, _): return limit.map { $0 * 64 }.map { l in min(l, estimate(input) ?? l) }
        case .topN(_, _, let limit, _): return limit * 64
        case .join(let left, let right, _, _):
            guard let l = estimate(left), let r = estimate(right) else { return nil }
            return max(l, r)
        case .setOperation(_, _, let left, let right):
            guard let l = estimate(left), let r = estimate(right) else { return nil }
            return l + r
        case .project(let input, _, _), .window(let input, _, _), .sort(let input, _), .rename(let input, _),
            .enforceSingleRow(let input):
            return estimate(input)
        }
    }
}
