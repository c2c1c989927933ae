// The keys a hash join's build side holds, handed to the scan on its probe side: a join of a partitioned
// table with a small filtered table on a partition key reads only the partitions the small table names.
// The planner creates the filter with the probe-side scan and connects it to the join once the join
// exists; the scan asks for its conjunct when it starts, which is after the join built its table (a join
// builds before it pulls its probe side).
import StrataCore
import StrataPlanner

public final class DynamicFilter: @unchecked Sendable {
    /// The scan's table column (position among the table's columns) the join key reads.
    public let column: Int
    /// The key's position among the join's keys.
    public let keyIndex: Int
    /// The join's build table, once built; set by the planner.
    var table: (() throws -> JoinHashTable?)?

    /// Up to this many distinct keys become an IN list; more become a range.
    public static let maximumValues = 10_000

    public init(column: Int, keyIndex: Int) {
        self.column = column
        self.keyIndex = keyIndex
    }

    /// `column IN (keys...)` (or `column BETWEEN least AND greatest` for many keys) over the scan's
    /// table columns; FALSE when the build side has no key; nil when the keys are not known.
    public func conjunct(type: DataType) throws -> BoundExpression? {
        guard let table = try table?() else { return nil }
        let reference = BoundExpression.column(column, type)
        guard table.keyTypes[keyIndex] == type else { return nil }
        guard table.distinctKeyCount > 0 else { return .literal(.boolean(false), .boolean) }
        if table.distinctKeyCount <= Self.maximumValues {
            let keys = table.distinctKeys()[keyIndex]
            var seen = Set<Value>()
            var literals: [BoundExpression] = []
            for row in 0..<keys.count {
                let value = keys.value(at: row)
                if !value.isNull, seen.insert(value).inserted { literals.append(.literal(value, type)) }
            }
            return .inList(reference, literals, negated: false)
        }
        guard let bounds = table.keyBounds(keyIndex) else { return nil }
        return .and([
            .comparison(.greaterOrEqual, reference, .literal(bounds.min, type)),
            .comparison(.lessOrEqual, reference, .literal(bounds.max, type)),
        ])
    }
}
