// `EXPLAIN [ANALYZE] [VERBOSE] statement`. ANALYZE runs the statement and shows the scan funnel
// (partitions → files → row groups → pages → bytes) per scan.

public struct Explain: Hashable, Sendable {
    public var analyze: Bool
    public var verbose: Bool
    public var statement: Statement

    public init(analyze: Bool = false, verbose: Bool = false, statement: Statement) {
        self.analyze = analyze
        self.verbose = verbose
        self.statement = statement
    }
}
