// The one error type of the SQL front end: what went wrong, in the user's terms, and where. `description`
// is the one-line form (`line 1, column 11: expected an expression after '+'`); `render(source:)` adds the
// source line and a caret under the spot.

public struct SQLError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case invalidCharacter
        case invalidNumber
        case unterminatedString
        case unterminatedQuotedIdentifier
        case unterminatedComment
        /// A token the grammar does not allow here.
        case syntax
        /// Valid in other dialects or other engines, not in Strata's (`::` casts, WITH RECURSIVE, DELETE).
        case unsupported
        /// A literal or name that is malformed on its own (`X'F'`, `""`, `VARCHAR(99999999999)`).
        case invalidLiteral
        /// Nesting deeper than `SQLParser.maximumNestingDepth`.
        case nestingTooDeep
        /// Text longer than the parser can address.
        case inputTooLong
    }

    public var code: Code
    /// What went wrong, without the position: `expected an expression after '+'`.
    public var message: String
    /// The spot: the offending token, or an empty range at the end of the previous token when the input ends
    /// too early. Unterminated strings and comments point at where they start.
    public var range: SourceRange
    /// Line and column of `range.lowerBound`.
    public var location: SourceLocation
    /// The keyword the user probably meant, when the offending word is a near miss (`SELEC` → `SELECT`).
    public var suggestion: String?

    public init(code: Code, message: String, range: SourceRange, location: SourceLocation, suggestion: String? = nil) {
        self.code = code
        self.message = message
        self.range = range
        self.location = location
        self.suggestion = suggestion
    }

    /// The message with its suggestion, without the position.
    public var fullMessage: String {
        guard let suggestion else { return message }
        return "\(message); did you mean \(suggestion)?"
    }

    /// One line: `line L, column C: message[; did you mean X?]`.
    public var description: String { "\(location): \(fullMessage)" }
}
