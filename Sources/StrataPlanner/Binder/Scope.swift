// The columns a part of a query can see: for each, the name and qualifier it can be referred to by, its
// type, and its position in the plan node that produces it. A subquery's scope has its enclosing query's
// scope as parent, which is how correlated references are found.
import StrataCore

struct ScopeColumn {
    var name: String
    /// The relation qualifier: the alias (`["e"]`) or the table's name parts (`["silver", "events"]`).
    var qualifier: [String]
    var type: DataType
    /// Position in the output of the plan node this scope describes.
    var index: Int
    /// Not produced by `*` and not found by unqualified name (the duplicate of a `USING` column).
    var isHidden = false
}

final class Scope {
    var columns: [ScopeColumn]
    let parent: Scope?

    init(columns: [ScopeColumn], parent: Scope?) {
        self.columns = columns
        self.parent = parent
    }

    /// A scope of the output of a plan, all columns qualified by `qualifier`.
    convenience init(schema: [Field], qualifier: [String], parent: Scope?) {
        self.init(
            columns: schema.enumerated().map { ScopeColumn(name: $1.name, qualifier: qualifier, type: $1.type, index: $0) },
            parent: parent)
    }

    enum Resolution {
        case found(ScopeColumn)
        case notFound
        case ambiguous([ScopeColumn])
    }

    /// The column named `name` with a qualifier ending in `qualifier`, compared case-insensitively as SQL
    /// identifiers are (an exact-case match wins when several differ only in case).
    func resolve(name: String, qualifier: [String]) -> Resolution {
        let lowered = name.lowercased()
        let loweredQualifier = qualifier.map { $0.lowercased() }
        let candidates = columns.filter { column in
            guard column.name.lowercased() == lowered else { return false }
            if qualifier.isEmpty { return !column.isHidden }
            let columnQualifier = column.qualifier.map { $0.lowercased() }
            return columnQualifier.count >= loweredQualifier.count
                && Array(columnQualifier.suffix(loweredQualifier.count)) == loweredQualifier
        }
        if candidates.count == 1 { return .found(candidates[0]) }
        if candidates.isEmpty { return .notFound }
        let exact = candidates.filter { $0.name == name }
        if exact.count == 1 { return .found(exact[0]) }
        // The same column reached through two names (a USING column) is not ambiguous.
        if Set(candidates.map(\.index)).count == 1 { return .found(candidates[0]) }
        return .ambiguous(candidates)
    }

    /// Whether any column is qualified by a relation ending in `qualifier`.
    func hasRelation(_ qualifier: [String]) -> Bool {
        let lowered = qualifier.map { $0.lowercased() }
        return columns.contains { column in
            let columnQualifier = column.qualifier.map { $0.lowercased() }
            return columnQualifier.count >= lowered.count && Array(columnQualifier.suffix(lowered.count)) == lowered
        }
    }
}
