// Named, typed columns: the schema of a batch, a file or a table.

public struct Field: Hashable, Sendable {
    public var name: String
    public var type: DataType
    public var isNullable: Bool

    public init(_ name: String, _ type: DataType, isNullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }
}

public struct Schema: Hashable, Sendable {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }

    /// The position of the field named `name`, compared case-insensitively as SQL identifiers are.
    public func index(of name: String) -> Int? {
        if let exact = fields.firstIndex(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        return fields.firstIndex(where: { $0.name.lowercased() == lowered })
    }
}
