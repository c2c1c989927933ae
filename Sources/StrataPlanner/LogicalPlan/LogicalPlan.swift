// The logical plan: what a query computes, as a tree of relational operators. Expressions refer to the
// columns of a node's input(s) by position; a join's input is its left columns followed by its right.
import StrataCore

public indirect enum LogicalPlan: @unchecked Sendable {
    case scan(TableScan)
    /// Literal rows (`VALUES`, and the single empty row of `SELECT 1`).
    case values(rows: [[BoundExpression]], schema: [Field])
    case filter(LogicalPlan, predicate: BoundExpression)
    case project(LogicalPlan, expressions: [BoundExpression], names: [String])
    /// Output: the group keys, then the aggregates.
    case aggregate(LogicalPlan, groupBy: [BoundExpression], aggregates: [BoundAggregate], names: [String])
    case join(LogicalPlan, LogicalPlan, kind: JoinKind, condition: BoundExpression?)
    /// Output: the input's columns, then one column per window call.
    case window(LogicalPlan, calls: [BoundWindowCall], names: [String])
    case sort(LogicalPlan, keys: [SortKey])
    case limit(LogicalPlan, limit: Int?, offset: Int)
    /// `ORDER BY ... LIMIT`, kept as one node so execution can use a bounded heap.
    case topN(LogicalPlan, keys: [SortKey], limit: Int, offset: Int)
    case setOperation(SetOperationKind, all: Bool, LogicalPlan, LogicalPlan)
    /// Renames the output columns of its input (derived-table and CTE aliases).
    case rename(LogicalPlan, names: [String])
    /// Its input's rows, or an error if there are more than one (a scalar subquery).
    case enforceSingleRow(LogicalPlan)

    /// Names and types of the columns this node produces.
    public var schema: [Field] {
        switch self {
        case .scan(let scan):
            return scan.columns.map { scan.table.columns[$0] }
        case .values(_, let schema):
            return schema
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .topN(let input, _, _, _),
            .enforceSingleRow(let input):
            return input.schema
        case .project(_, let expressions, let names):
            return zip(expressions, names).map { Field($1, $0.type) }
        case .aggregate(_, let groupBy, let aggregates, let names):
            let types = groupBy.map(\.type) + aggregates.map(\.type)
            return zip(types, names).map { Field($1, $0) }
        case .join(let left, let right, let kind, _):
            switch kind {
            case .semi, .anti, .nullAwareAnti: return left.schema
            default: return left.schema + right.schema
            }
        case .window(let input, let calls, let names):
            return input.schema + zip(calls, names).map { Field($1, $0.type) }
        case .setOperation(_, _, let left, _):
            return left.schema
        case .rename(let input, let names):
            return zip(input.schema, names).map { Field($1, $0.type, isNullable: $0.isNullable) }
        }
    }

    /// The node's inputs, in order.
    public var children: [LogicalPlan] {
        switch self {
        case .scan, .values: return []
        case .filter(let input, _), .project(let input, _, _), .aggregate(let input, _, _, _),
            .window(let input, _, _), .sort(let input, _), .limit(let input, _, _), .topN(let input, _, _, _),
            .rename(let input, _), .enforceSingleRow(let input):
            return [input]
        case .join(let left, let right, _, _), .setOperation(_, _, let left, let right):
            return [left, right]
        }
    }

    /// This node with its inputs replaced by `children` (same count, same order).
    public func replacingChildren(_ children: [LogicalPlan]) -> LogicalPlan {
        switch self {
        case .scan, .values: return self
        case .filter(_, let predicate): return .filter(children[0], predicate: predicate)
        case .project(_, let expressions, let names): return .project(children[0], expressions: expressions, names: names)
        case .aggregate(_, let groupBy, let aggregates, let names):
            return .aggregate(children[0], groupBy: groupBy, aggregates: aggregates, names: names)
        case .window(_, let calls, let names): return .window(children[0], calls: calls, names: names)
        case .sort(_, let keys): return .sort(children[0], keys: keys)
        case .limit(_, let limit, let offset): return .limit(children[0], limit: limit, offset: offset)
        case .topN(_, let keys, let limit, let offset): return .topN(children[0], keys: keys, limit: limit, offset: offset)
        case .rename(_, let names): return .rename(children[0], names: names)
        case .enforceSingleRow: return .enforceSingleRow(children[0])
        case .join(_, _, let kind, let condition): return .join(children[0], children[1], kind: kind, condition: condition)
        case .setOperation(let kind, let all, _, _): return .setOperation(kind, all: all, children[0], children[1])
        }
    }
}

extension LogicalPlan {
    /// The expressions this node evaluates (not those of its inputs).
    public var expressions: [BoundExpression] {
        switch self {
        case .scan(let scan): return scan.filters
        case .values(let rows, _): return rows.flatMap { $0 }
        case .filter(_, let predicate): return [predicate]
        case .project(_, let expressions, _): return expressions
        case .aggregate(_, let groupBy, let aggregates, _):
            return groupBy + aggregates.flatMap { $0.arguments + ($0.filter.map { [$0] } ?? []) }
        case .join(_, _, _, let condition): return condition.map { [$0] } ?? []
        case .window(_, let calls, _):
            return calls.flatMap { $0.arguments + $0.partitionBy + $0.orderBy.map(\.expression) }
        case .sort(_, let keys), .topN(_, let keys, _, _): return keys.map(\.expression)
        case .limit, .setOperation, .rename, .enforceSingleRow: return []
        }
    }
}

public enum JoinKind: String, Hashable, Sendable {
    case inner, left, right, full, cross
    /// Left rows with at least one match (`EXISTS`, `IN`).
    case semi
    /// Left rows with no match (`NOT EXISTS`).
    case anti
    /// `NOT IN`: like anti, but a NULL on either side makes the answer unknown, so no row.
    case nullAwareAnti
}

public enum SetOperationKind: String, Hashable, Sendable {
    case union, intersect, except
}

/// A read of a table: which of its columns, the predicates the scan applies (used to prune partitions,
/// files, row groups and pages, and then applied exactly to the rows), and an optional row limit.
public struct TableScan: @unchecked Sendable {
    public var table: TableHandle
    /// Positions in `table.columns` to produce, in output order.
    public var columns: [Int]
    /// Conjuncts over `table.columns` positions (not output positions).
    public var filters: [BoundExpression]
    /// Stop after this many rows (no filter may remain above the scan when set).
    public var limit: Int?

    public init(table: TableHandle, columns: [Int], filters: [BoundExpression] = [], limit: Int? = nil) {
        self.table = table
        self.columns = columns
        self.filters = filters
        self.limit = limit
    }
}
