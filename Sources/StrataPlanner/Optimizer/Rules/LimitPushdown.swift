// Lets a LIMIT stop work early: `ORDER BY ... LIMIT n` becomes a top-N (a bounded heap instead of a full
// sort), a limit passes through projections, reaches scans (which then stop reading, filtered or not),
// and caps each side of a UNION ALL.

public struct LimitPushdown: OptimizerRule {
    public let name = "push down limits"

    public init() {}

    public func rewrite(_ plan: LogicalPlan) throws -> LogicalPlan? {
        var changed = false
        let result = plan.transformedUp(&changed) { node -> LogicalPlan? in
            guard case .limit(let input, let limit?, let offset) = node else { return nil }
            let needed = limit + offset
            switch input {
            case .sort(let sorted, let keys):
                return .topN(sorted, keys: keys, limit: limit, offset: offset)
            case .project(let projected, let expressions, let names):
                return .project(.limit(projected, limit: limit, offset: offset), expressions: expressions, names: names)
            case .scan(var scan) where (scan.limit ?? Int.max) > needed:
                // The scan applies its own filters before it counts rows, so filters do not stop the limit.
                scan.limit = needed
                return .limit(.scan(scan), limit: limit, offset: offset)
            case .setOperation(.union, all: true, let left, let right)
            where !isLimited(left, to: needed) || !isLimited(right, to: needed):
                let cappedLeft = isLimited(left, to: needed) ? left : .limit(left, limit: needed, offset: 0)
                let cappedRight = isLimited(right, to: needed) ? right : .limit(right, limit: needed, offset: 0)
                return .limit(.setOperation(.union, all: true, cappedLeft, cappedRight), limit: limit, offset: offset)
            case .limit(let inner, let innerLimit, let innerOffset):
                // LIMIT a OFFSET b over LIMIT c OFFSET d: skip d+b, then take what both allow.
                let available = innerLimit.map { max(0, $0 - offset) }
                let combined = available.map { min($0, limit) } ?? limit
                return .limit(inner, limit: combined, offset: innerOffset + offset)
            default:
                return nil
            }
        }
        return changed ? result : nil
    }

    private func isLimited(_ plan: LogicalPlan, to count: Int) -> Bool {
        switch plan {
        case .limit(_, let limit?, 0): return limit <= count
        case .topN(_, _, let limit, 0): return limit <= count
        default: return false
        }
    }
}
