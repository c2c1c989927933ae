// The quantifier of `x op ANY|SOME|ALL (subquery)`. SOME is kept apart from ANY only so it prints back as
// written; the two mean the same.

public enum ComparisonQuantifier: String, Hashable, Sendable {
    case any = "ANY"
    case some = "SOME"
    case all = "ALL"
}
