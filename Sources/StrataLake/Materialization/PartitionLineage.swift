// Where a model's partition column comes from. A model can be rebuilt partition by partition when an
// output partition column is a source table's partition column passed through unchanged, and every
// operator on the way keeps rows of different values of it apart (filters, projections, aggregates and
// windows that group by it, joins that keep the source's rows). Then the output partition `v` depends
// only on the source's partition `v` (and on the other tables as a whole), so a change to the source's
// partition `v` rebuilds exactly the output partition `v`.
import StrataPlanner

struct PartitionLineage {
    /// The table whose partition feeds the output's.
    var source: LakeTableSource
    /// Position of that key among the source's partition keys.
    var sourceKey: Int
    /// Position of the output column among the model's partition keys.
    var outputKey: Int

    /// The lineage of the first of `partitionColumns` (output positions) that has one, when the source
    /// table is scanned only once in the plan.
    static func find(_ plan: LogicalPlan, partitionColumns: [Int]) -> PartitionLineage? {
        for (outputKey, column) in partitionColumns.enumerated() {
            guard let (scan, tableColumn) = trace(plan, column: column),
                let source = scan.table.source as? LakeTableSource,
                let sourceKey = scan.table.partitionColumns.firstIndex(of: tableColumn)
            else { continue }
            guard scans(of: source.identity, in: plan) == 1 else { continue }
            return PartitionLineage(source: source, sourceKey: sourceKey, outputKey: outputKey)
        }
        return nil
    }

    /// The scan and table column that output `column` of `plan` is, unchanged, if it is one.
    private static func trace(_ plan: LogicalPlan, column: Int) -> (TableScan, Int)? {
        switch plan {
        case .scan(let scan):
            return (scan, scan.columns[column])
        case .filter(let input, _), .sort(let input, _), .rename(let input, _):
            return trace(input, column: column)
        case .project(let input, let expressions, _):
            guard case .column(let inner, _) = expressions[column] else { return nil }
            return trace(input, column: inner)
        case .aggregate(let input, let groupBy, _, _):
            guard column < groupBy.count, case .column(let inner, _) = groupBy[column] else { return nil }
            return trace(input, column: inner)
        case .window(let input, let calls, _):
            // Each window must see only rows of the same value: the column is among its PARTITION BY.
            guard column < input.schema.count,
                calls.allSatisfy({ $0.partitionBy.contains { if case .column(column, _) = $0 { true } else { false } } })
            else { return nil }
            return trace(input, column: column)
        case .join(let left, let right, let kind, _):
            let leftCount = left.schema.count
            switch kind {
            case .inner, .cross:
                return column < leftCount ? trace(left, column: column) : trace(right, column: column - leftCount)
            case .left, .semi, .anti, .nullAwareAnti:
                return column < leftCount ? trace(left, column: column) : nil
            case .right:
                return column >= leftCount ? trace(right, column: column - leftCount) : nil
            case .full:
                return nil
            }
        case .values, .limit, .topN, .setOperation, .enforceSingleRow:
            return nil
        }
    }

    private static func scans(of identity: String, in plan: LogicalPlan) -> Int {
        if case .scan(let scan) = plan { return (scan.table.source as? LakeTableSource)?.identity == identity ? 1 : 0 }
        return plan.children.reduce(0) { $0 + scans(of: identity, in: $1) }
    }
}
