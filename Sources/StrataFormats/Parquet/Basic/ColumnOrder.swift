// The sort order the min/max statistics of a column follow (the ColumnOrder union).

public enum ColumnOrder: Sendable, Hashable {
    /// The order of the column's logical type, or of its physical type when it has none.
    case typeDefined
    case ieee754TotalOrder
    case int96Timestamp
    /// An order this reader does not know; the column's min/max must then be ignored.
    case other(fieldID: Int16)
}
