// Which layers of "read as little as possible" a session uses. Each can be turned off (`SET pruning.bloom =
// false`, or all of them with `SET pruning = false`) to compare: results never change, only what is read.

public struct PruningOptions: Sendable, Hashable {
    /// Partition values from the folder names prune folders while listing.
    public var partition = true
    /// Row group min/max/null counts prune row groups.
    public var statistics = true
    /// The column index prunes pages, and only the surviving pages are fetched.
    public var pageIndex = true
    /// Split-block bloom filters prune row groups for `=` and `IN`.
    public var bloom = true
    /// Dictionary pages prune row groups for `=` and `IN`.
    public var dictionary = true
    /// COUNT(*), MIN and MAX come from the footers where they are exact.
    public var metadata = true
    /// Filter columns are decoded first, the others only for rows that pass.
    public var lateMaterialization = true

    public init() {}

    /// Every layer off: a full scan of every file, the scan's filters applied to every row.
    public static var none: PruningOptions {
        var options = PruningOptions()
        options.partition = false
        options.statistics = false
        options.pageIndex = false
        options.bloom = false
        options.dictionary = false
        options.metadata = false
        options.lateMaterialization = false
        return options
    }

    /// The layers by the names `SET pruning.NAME` takes.
    static let layerNames = ["partition", "statistics", "page_index", "bloom", "dictionary", "metadata", "late_materialization"]

    mutating func set(layer: String, _ on: Bool) -> Bool {
        switch layer {
        case "partition": partition = on
        case "statistics": statistics = on
        case "page_index": pageIndex = on
        case "bloom": bloom = on
        case "dictionary": dictionary = on
        case "metadata": metadata = on
        case "late_materialization": lateMaterialization = on
        default: return false
        }
        return true
    }
}
