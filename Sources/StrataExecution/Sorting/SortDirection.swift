// Which way one sort key goes and where its NULLs go.

struct SortDirection: Hashable, Sendable {
    var ascending: Bool
    var nullsFirst: Bool

    init(ascending: Bool = true, nullsFirst: Bool = false) {
        self.ascending = ascending
        self.nullsFirst = nullsFirst
    }
}
