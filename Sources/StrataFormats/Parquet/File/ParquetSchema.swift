// The schema of a Parquet file as a tree: top-level fields, and the leaf columns that hold data. Built
// from the footer's depth-first list of schema elements, whose child counts are checked as it is walked.
import StrataCore

public struct ParquetSchema: Sendable, Hashable {
    /// A top-level field: a primitive column, or a group (LIST, MAP, STRUCT) whose leaves Strata does
    /// not read yet.
    public struct Field: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case primitive = "PRIMITIVE"
            case list = "LIST"
            case map = "MAP"
            case `struct` = "STRUCT"
            /// A repeated primitive (the legacy list form).
            case repeated = "REPEATED"
            case variant = "VARIANT"
        }

        public let name: String
        public let element: SchemaElement
        public let kind: Kind
        /// Indices of the field's leaf columns.
        public let leaves: Range<Int>
    }

    public let elements: [SchemaElement]
    /// Every leaf column, in column-chunk order.
    public let columns: [ColumnDescriptor]
    public let fields: [Field]

    /// The deepest nesting accepted, against stack exhaustion by hostile schemas.
    static let maximumDepth = 64

    public init(elements: [SchemaElement]) throws(ParquetError) {
        guard let root = elements.first else { throw ParquetError(.corrupt, "the schema is empty") }
        self.elements = elements
        var columns: [ColumnDescriptor] = []
        var fields: [Field] = []
        var position = 1
        let childCount = Int(root.numChildren ?? 0)
        guard childCount >= 0, childCount <= elements.count - 1 else {
            throw ParquetError(.corrupt, "the schema root claims \(childCount) children but the schema has \(elements.count - 1) more elements")
        }
        for _ in 0..<childCount {
            guard position < elements.count else {
                throw ParquetError(.corrupt, "the schema ends before the root's \(childCount) children")
            }
            let element = elements[position]
            let kind = Self.kind(of: element)
            let firstLeaf = columns.count
            let nested: String? = kind == .primitive
                ? nil : "column '\(element.name)' is a \(kind.rawValue); nested columns are not supported yet"
            try Self.walk(
                elements, &position, path: [], definition: 0, repetition: 0, depth: 1, nestedIn: nested, into: &columns)
            fields.append(Field(name: element.name, element: element, kind: kind, leaves: firstLeaf..<columns.count))
        }
        guard position == elements.count else {
            throw ParquetError(.corrupt, "the schema has \(elements.count - position) elements after its root's children")
        }
        self.columns = columns
        self.fields = fields
    }

    private static func kind(of element: SchemaElement) -> Field.Kind {
        if element.type != nil { return element.repetition == .repeated ? .repeated : .primitive }
        switch (element.logicalType, element.convertedType) {
        case (.list?, _), (_, .list?): return .list
        case (.map?, _), (_, .map?), (_, .mapKeyValue?): return .map
        case (.variant?, _): return .variant
        default: return element.repetition == .repeated ? .repeated : .struct
        }
    }

    private static func walk(
        _ elements: [SchemaElement], _ position: inout Int, path: [String], definition: Int, repetition: Int, depth: Int,
        nestedIn: String?, into columns: inout [ColumnDescriptor]
    ) throws(ParquetError) {
        guard depth <= maximumDepth else { throw ParquetError(.corrupt, "the schema nests deeper than \(maximumDepth) levels") }
        let element = elements[position]
        position += 1
        let path = path + [element.name]
        var definition = definition
        var repetition = repetition
        switch element.repetition ?? .required {
        case .required: break
        case .optional: definition += 1
        case .repeated:
            definition += 1
            repetition += 1
        }
        if element.type != nil {
            guard (element.numChildren ?? 0) == 0 else {
                throw ParquetError(.corrupt, "schema element '\(element.name)' has a type and \(element.numChildren!) children")
            }
            let nested = nestedIn ?? (repetition > 0 ? "column '\(path[0])' is repeated; nested columns are not supported yet" : nil)
            columns.append(ColumnDescriptor(
                index: columns.count, path: path, element: element, maxDefinitionLevel: definition,
                maxRepetitionLevel: repetition, nestedIn: nested))
            return
        }
        let children = Int(element.numChildren ?? 0)
        guard children >= 0, children <= elements.count - position else {
            throw ParquetError(.corrupt, "schema group '\(element.name)' claims \(children) children past the end of the schema")
        }
        for _ in 0..<children {
            try walk(
                elements, &position, path: path, definition: definition, repetition: repetition, depth: depth + 1,
                nestedIn: nestedIn, into: &columns)
        }
    }

    /// The top-level field named `name` (exact match first, then case-insensitive, as SQL identifiers).
    public func field(named name: String) -> Field? {
        if let exact = fields.first(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }
    }

    /// The leaf column of the top-level field `name`, which must be a readable primitive column.
    public func readableColumn(named name: String) throws(ParquetError) -> ColumnDescriptor {
        guard let field = field(named: name) else {
            throw ParquetError(.corrupt, "no column '\(name)' (columns: \(fields.map(\.name).joined(separator: ", ")))")
        }
        guard field.kind == .primitive, field.leaves.count == 1 else {
            throw ParquetError(
                .unsupported, "column '\(field.name)' is a \(field.kind.rawValue); nested columns are not supported yet",
                column: field.name)
        }
        let column = columns[field.leaves.lowerBound]
        guard column.dataType != nil else {
            throw ParquetError(.unsupported, column.unsupportedReason ?? "column cannot be read", column: column.name)
        }
        return column
    }

    /// The readable top-level primitive columns, as engine fields, in file order.
    public var engineSchema: Schema {
        Schema(fields.compactMap { field -> StrataCore.Field? in
            guard field.kind == .primitive, let column = columns[field.leaves].first, let type = column.dataType else {
                return nil
            }
            return StrataCore.Field(field.name, type, isNullable: column.isNullable)
        })
    }

    /// Indices of the readable primitive columns, in file order: what `SELECT *` reads.
    public var readableColumnIndices: [Int] {
        fields.compactMap { field in
            guard field.kind == .primitive, let column = columns[field.leaves].first, column.dataType != nil else { return nil }
            return column.index
        }
    }
}
