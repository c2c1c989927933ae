// `DESCRIBE [EXTENDED|FORMATTED] t` (also `DESC t`).

public struct Describe: Hashable, Sendable {
    public enum Detail: String, Hashable, Sendable {
        case extended = "EXTENDED"
        case formatted = "FORMATTED"
    }

    public var table: QualifiedName
    public var detail: Detail?

    public init(table: QualifiedName, detail: Detail? = nil) {
        self.table = table
        self.detail = detail
    }
}
