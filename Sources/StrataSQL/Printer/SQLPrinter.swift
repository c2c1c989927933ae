// AST → SQL text that Strata, Trino and Athena read back to the same AST: parentheses only where precedence
// needs them, identifiers quoted only where needed, aliases always with AS, literals exactly as parsed.
// Multi-line layout puts each clause on its own line and indents nested queries; single-line layout
// separates them with spaces. Hive DDL is printed in Hive's own style (backquoted names, lowercase types).

public struct SQLPrinter: Sendable {
    public enum Layout: Sendable {
        /// One clause per line, nested queries indented by two spaces per level.
        case multiLine
        /// Everything on one line.
        case singleLine
    }

    /// Whose SQL to print: Trino's, which Athena and Strata read; or Spark's (which Hive reads too):
    /// backquoted names, Hive type names in casts, functions under Spark's names (see SQLPrinter+Spark).
    public enum Dialect: Sendable {
        case trino, spark
    }

    public var layout: Layout
    public var dialect: Dialect

    public init(layout: Layout = .multiLine, dialect: Dialect = .trino) {
        self.layout = layout
        self.dialect = dialect
    }

    /// Statements separated by `;` and a line break; the last one ends with `;` too.
    public func print(_ statements: [Statement]) -> String {
        statements.map { print($0) + ";" }.joined(separator: "\n")
    }

    public func print(_ statement: Statement) -> String { statementText(statement, 0) }

    public func print(_ query: Query) -> String { queryText(query, 0) }

    public func print(_ expression: Expression) -> String { expressionText(expression, 0) }

    public func print(_ type: TypeName) -> String { typeText(type, hive: false) }

    // MARK: Layout

    /// The break between clauses at `indent` levels of nesting.
    func newline(_ indent: Int) -> String {
        switch layout {
        case .multiLine: return "\n" + String(repeating: "  ", count: indent)
        case .singleLine: return " "
        }
    }

    /// `(` query `)`, the query on its own indented lines in multi-line layout.
    func parenthesized(_ query: Query, _ indent: Int) -> String {
        switch layout {
        case .multiLine: return "(" + newline(indent + 1) + queryText(query, indent + 1) + newline(indent) + ")"
        case .singleLine: return "(" + queryText(query, indent) + ")"
        }
    }

    // MARK: Names and literals

    /// A name, quoted when it was quoted or cannot be written bare (reserved words, capitals, other
    /// characters). Function names and table-function argument names may be reserved words (`trim`,
    /// `grouping`, `skip =>`), which the grammar reads there.
    func identifierText(_ identifier: Identifier, hive: Bool = false, allowReserved: Bool = false) -> String {
        if !identifier.isQuoted && SQLPrinter.isBare(identifier.value, allowReserved: allowReserved) {
            return identifier.value
        }
        return SQLQuoting.quote(identifier.value, with: hive || dialect == .spark ? "`" : "\"")
    }

    func nameText(_ name: QualifiedName, hive: Bool = false, allowReserved: Bool = false) -> String {
        var parts: [String] = []
        for (index, part) in name.parts.enumerated() {
            parts.append(identifierText(part, hive: hive, allowReserved: allowReserved && index == name.parts.count - 1))
        }
        return parts.joined(separator: ".")
    }

    func namesText(_ names: [Identifier], hive: Bool = false) -> String {
        "(" + names.map { identifierText($0, hive: hive) }.joined(separator: ", ") + ")"
    }

    /// Whether `value` reads back as the same unquoted name: lowercase letters, digits and `_`, not starting
    /// with a digit, and not a reserved keyword.
    static func isBare(_ value: String, allowReserved: Bool) -> Bool {
        guard let first = value.utf8.first, first == UInt8(ascii: "_") || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z"))
        else { return false }
        for byte in value.utf8
        where !(byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")))
        {
            return false
        }
        if !allowReserved, let keyword = Keyword(spelling: value), keyword.isReserved { return false }
        return true
    }

    func stringText(_ literal: StringLiteral) -> String { SQLQuoting.string(literal.value) }
}
