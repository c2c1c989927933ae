// The state of one aggregate for every group, held column-wise (one array per state field, indexed by
// group number) so updates are tight loops over group numbers. One accumulator serves a whole
// GROUP BY (or window) and is called once per batch, never once per row.
import StrataCore

protocol AggregateAccumulator: AnyObject {
    /// Types of the columns a partial aggregation emits for this aggregate and a final one reads back.
    var intermediateTypes: [DataType] { get }
    /// Type of the finished value.
    var resultType: DataType { get }
    /// Number of groups with a state.
    var groupCount: Int { get }

    /// Bytes the states of every group hold, for the statement's memory budget.
    var byteCount: Int { get }

    /// Whether `update` reads its arguments' values, not only which rows are NULL; when not, the
    /// arguments arrive as `ColumnView(nullsOf:)`.
    var readsArgumentValues: Bool { get }

    /// Makes groups `groupCount..<count` exist, each with the state of an empty group.
    func resize(to count: Int)

    /// Folds input rows in: row `i` of the (plain) `arguments` belongs to group `groups[i]`.
    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws

    /// Folds partial states in: row `i` of `states` (laid out as `intermediateTypes`) belongs to group
    /// `groups[i]`.
    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws

    /// Folds the state of group `sources[i]` into group `targets[i]`, pair after pair in order, so a target
    /// filled by one pair can be the source of a later one (window frames build on this).
    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws

    /// The states of the groups in `range`, as columns of `intermediateTypes`.
    func intermediates(_ range: Range<Int>) -> [Column]

    /// The finished values of the groups in `range`.
    func results(_ range: Range<Int>) throws -> Column
}

extension AggregateAccumulator {
    var readsArgumentValues: Bool { true }

    /// `arguments` as `update` takes them.
    func views(of arguments: [Column]) -> [ColumnView] {
        readsArgumentValues ? arguments.map(ColumnView.init) : arguments.map(ColumnView.nulls(of:))
    }

    /// The states' bytes as their layout tells: each fixed-width field by its width, others by a guess.
    /// Accumulators whose states grow with their input (stored strings, sketches) count them instead.
    var byteCount: Int {
        groupCount * intermediateTypes.reduce(1) { $0 + ($1.byteWidth ?? 16) }
    }
}

/// The bytes of states that take a pass over every group to measure (sketches, digests): measured exactly
/// one time in `interval`, and in between scaled by the number of groups, so asking once per batch does
/// not cost a pass over a million groups per batch.
struct MeasuredBytes {
    static let interval = 16
    private var exact = 0
    private var groupsThen = 0
    private var asked = 0

    mutating func bytes(groups: Int, measure: () -> Int) -> Int {
        asked += 1
        if asked % MeasuredBytes.interval == 1 || groupsThen == 0 {
            exact = measure()
            groupsThen = groups
            return exact
        }
        return exact * groups / groupsThen
    }
}
