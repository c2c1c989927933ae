// A batch of rows in columnar form: the unit every operator consumes and produces.

public struct Batch: Sendable {
    public var columns: [Column]
    public var count: Int

    public init(columns: [Column], count: Int) {
        precondition(columns.allSatisfy { $0.count == count }, "every column of a batch has `count` rows")
        self.columns = columns
        self.count = count
    }

    /// The rows of a batch with no columns, as `SELECT count(*)` needs.
    public init(count: Int) {
        columns = []
        self.count = count
    }
}
