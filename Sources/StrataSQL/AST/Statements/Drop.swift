// `DROP TABLE [IF EXISTS] name`, `DROP VIEW [IF EXISTS] name`.

public struct Drop: Hashable, Sendable {
    public enum ObjectKind: String, Hashable, Sendable {
        case table = "TABLE"
        case view = "VIEW"
    }

    public var objectKind: ObjectKind
    public var ifExists: Bool
    public var name: QualifiedName

    public init(objectKind: ObjectKind, ifExists: Bool = false, name: QualifiedName) {
        self.objectKind = objectKind
        self.ifExists = ifExists
        self.name = name
    }
}
