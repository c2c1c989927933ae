// The closed set of token kinds. Lexical errors are tokens too (the `invalid…`/`unterminated…` kinds), so the
// lexer never stops early and the parser reports whichever error comes first in the text.

public enum TokenKind: UInt8, Hashable, Sendable {
    /// A bare word: an identifier or a keyword (see `Token.keyword`).
    case word
    /// `"name"`: keeps its case, `""` stands for one `"`.
    case quotedIdentifier
    /// `` `name` ``: Hive's quoting, accepted in Hive DDL statements only.
    case backquotedIdentifier
    /// `'text'`: `''` stands for one `'`.
    case string
    /// `X'0AFF'`: a VARBINARY literal.
    case binaryString
    /// `42`
    case integer
    /// `4.2`, `.5`, `4.`
    case decimal
    /// `4.2e1`, `1E-3`
    case double

    case leftParen, rightParen, leftBracket, rightBracket
    case comma, dot, semicolon, colon
    case plus, minus, star, slash, percent
    /// `||`
    case concat
    case equal
    /// `<>` or `!=`
    case notEqual
    case less, lessOrEqual, greater, greaterOrEqual
    /// `=>`, for named arguments of table functions.
    case arrow
    /// `::`, lexed only to reject PostgreSQL-style casts with a hint.
    case doubleColon
    /// `?`, lexed only to reject parameters with a clear message.
    case questionMark

    case endOfInput

    // Lexical errors.
    case invalidCharacter
    case invalidNumber
    case unterminatedString
    case unterminatedQuotedIdentifier
    case unterminatedComment

    /// True for the kinds that are lexical errors.
    @inlinable
    public var isError: Bool { rawValue >= TokenKind.invalidCharacter.rawValue }

    /// How the kind is named in messages when its text is not shown.
    public var name: String {
        switch self {
        case .word: return "a name"
        case .quotedIdentifier, .backquotedIdentifier: return "a quoted name"
        case .string: return "a string"
        case .binaryString: return "a binary string"
        case .integer, .decimal, .double: return "a number"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .semicolon: return "';'"
        case .colon: return "':'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .percent: return "'%'"
        case .concat: return "'||'"
        case .equal: return "'='"
        case .notEqual: return "'<>'"
        case .less: return "'<'"
        case .lessOrEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterOrEqual: return "'>='"
        case .arrow: return "'=>'"
        case .doubleColon: return "'::'"
        case .questionMark: return "'?'"
        case .endOfInput: return "the end of the input"
        case .invalidCharacter: return "an invalid character"
        case .invalidNumber: return "an invalid number"
        case .unterminatedString: return "an unterminated string"
        case .unterminatedQuotedIdentifier: return "an unterminated quoted name"
        case .unterminatedComment: return "an unterminated comment"
        }
    }
}
