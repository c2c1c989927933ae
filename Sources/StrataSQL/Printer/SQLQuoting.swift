// Quoting for printed SQL: a quote character inside the text is doubled, as the lexer expects.

enum SQLQuoting {
    /// `text` between `quote` characters, each inner `quote` doubled.
    static func quote(_ text: String, with quote: Character) -> String {
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
    static func string(_ text: String) -> String { quote(text, with: "'") }
}
