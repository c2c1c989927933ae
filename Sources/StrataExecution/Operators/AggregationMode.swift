// How a hash aggregation splits across threads: one step (complete), or partial aggregates on several
// threads whose states a single final aggregate merges.

public enum AggregationMode: Hashable, Sendable {
    /// Input rows in, finished values out.
    case complete
    /// Input rows in, partial states out (as ordinary columns, `HashAggregateOperator.intermediateTypes`).
    case partial
    /// Partial states in (the output of `.partial` aggregations), finished values out.
    case final
}
