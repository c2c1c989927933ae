// Where typed input ends statements: at a `;` outside strings, quoted names and comments, as the SQL
// lexer sees it. Everything up to the last such `;` runs; the rest waits for more lines.
import StrataSQL

enum StatementInput {
    /// `text` cut after its last `;`: the statements ready to run and what remains; nil without a `;`.
    static func split(_ text: String) -> (complete: String, rest: String)? {
        guard let last = SQLLexer.tokenize(text).last(where: { $0.kind == .semicolon }) else { return nil }
        let utf8 = text.utf8
        let cut = utf8.index(utf8.startIndex, offsetBy: last.end)
        return (String(text[..<cut]), String(text[cut...]))
    }

    /// Whether `text` holds nothing but whitespace and comments.
    static func isBlank(_ text: String) -> Bool {
        SQLLexer.tokenize(text).allSatisfy { $0.kind == .endOfInput }
    }
}
