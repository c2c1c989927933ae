// Quoting for printed SQL: a quote character inside the text is doubled, as the lexer expects.

public enum SQLQuoting {
    /// `text` between `quote` characters, each inner `quote` doubled.
    public static func quote(_ text: String, with quote: Character) -> String {
        var result = String(quote)
        result.reserveCapacity(text.utf8.count + 2)
        for character in text {
            result.append(character)
            if character == quote { result.append(quote) }
        }
        result.append(quote)
        return result
    }

    /// `'text'` as a SQL string literal.
    public static func string(_ text: String) -> String { quote(text, with: "'") }

    /// `"name"` as a SQL identifier, its case kept.
    public static func identifier(_ name: String) -> String { quote(name, with: "\"") }
}
