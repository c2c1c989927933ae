// The kinds of join, with the left input as the probe side (the side streamed through the operator).

public enum JoinKind: Hashable, Sendable {
    /// Matching pairs.
    case inner
    /// Matching pairs, plus each unmatched left row with NULLs for the right columns.
    case left
    /// Matching pairs, plus each unmatched right row with NULLs for the left columns.
    case right
    /// Left and right together.
    case full
    /// Left rows with at least one match (EXISTS, IN); left columns only.
    case semi
    /// Left rows without a match (NOT EXISTS); left columns only.
    case anti
    /// `x NOT IN (subquery)`: like anti, but with SQL's NULL rules — no rows at all when the right side
    /// holds a NULL key, and a NULL left key is never emitted unless the right side is empty.
    case nullAwareAnti

    /// Whether the output holds only the left columns.
    public var emitsLeftOnly: Bool { self == .semi || self == .anti || self == .nullAwareAnti }
}
