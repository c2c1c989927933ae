// What the binder asks about names: which tables, views and table functions exist, and their columns.
// The lake implements it; the planner never touches storage itself.
import StrataCore

public protocol Catalog: AnyObject {
    /// The table or view named by `parts` (identifiers as written, already case-folded where unquoted),
    /// resolved against the current schema as well; nil when there is none.
    func lookup(_ parts: [String]) throws -> CatalogEntry?

    /// The table a table function (`read_parquet('...')`, `read_csv`, `read_json`) produces.
    func tableFunction(_ name: String, arguments: [TableFunctionArgument]) throws -> TableHandle
}

public enum CatalogEntry {
    case table(TableHandle)
    /// A view: its SQL text, bound afresh wherever it is used.
    case view(name: String, sql: String)
}

/// An argument of a table function call: positional (`name` nil) or named.
public struct TableFunctionArgument: Sendable {
    public var name: String?
    public var value: Value

    public init(name: String?, value: Value) {
        self.name = name
        self.value = value
    }
}

/// A table as the planner sees it: a name, columns (data columns first, then partition columns), and an
/// opaque source that the physical layer knows how to scan.
public struct TableHandle: @unchecked Sendable {
    public var name: String
    public var columns: [Field]
    /// Positions in `columns` of the partition keys, outermost first.
    public var partitionColumns: [Int]
    public var source: any TableSource

    public init(name: String, columns: [Field], partitionColumns: [Int], source: any TableSource) {
        self.name = name
        self.columns = columns
        self.partitionColumns = partitionColumns
        self.source = source
    }
}

/// Whatever the lake needs to scan a table; the planner only carries it.
public protocol TableSource: AnyObject, Sendable {
    /// A stable identity, so two scans of the same table compare equal.
    var identity: String { get }
}
