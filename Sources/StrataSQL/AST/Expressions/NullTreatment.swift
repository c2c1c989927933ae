// IGNORE NULLS / RESPECT NULLS after a window function's arguments.

/// `IGNORE NULLS` / `RESPECT NULLS` after a window function's arguments.
public enum NullTreatment: String, Hashable, Sendable {
    case ignoreNulls = "IGNORE NULLS"
    case respectNulls = "RESPECT NULLS"
}
