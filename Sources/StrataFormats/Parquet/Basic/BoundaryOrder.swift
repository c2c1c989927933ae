// Whether the per-page bounds of a column index are sorted, with their Thrift values.

public enum BoundaryOrder: Int32, Sendable, Hashable, CaseIterable {
    case unordered = 0
    case ascending = 1
    case descending = 2

    public var name: String {
        switch self {
        case .unordered: return "UNORDERED"
        case .ascending: return "ASCENDING"
        case .descending: return "DESCENDING"
        }
    }
}
