// What each join kind emits, as the join operators need to know it.
import StrataPlanner

extension JoinKind {
    /// Whether the output holds only the left (probe) columns: semi and anti joins.
    var emitsLeftOnly: Bool { self == .semi || self == .anti || self == .nullAwareAnti }
}
