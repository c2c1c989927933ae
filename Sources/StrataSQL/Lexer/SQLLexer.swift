// The lexer: raw UTF-8 bytes in, `(kind, keyword, offset, length)` tokens out, the last one `.endOfInput`.
// Whitespace and comments (`-- …` to the end of the line, `/* … */` not nested) are skipped. It never fails:
// an invalid character, a malformed number or an unterminated string/comment becomes an error token that
// the parser reports when it reaches it; an unterminated token runs to the end of the input and points at
// where it starts.

public enum SQLLexer {
    /// The tokens of `text`. Offsets must fit in 32 bits; `SQLParser` checks the length first.
    public static func tokenize(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { tokenize($0) }
    }

    /// The tokens of `bytes`, which need not be valid UTF-8.
    public static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4 + 2)
        let count = bytes.count
        var index = 0

        @inline(__always) func byte(_ at: Int) -> UInt8 { at < count ? bytes[at] : 0 }
        @inline(__always) func add(_ kind: TokenKind, _ start: Int, _ end: Int, keyword: Keyword? = nil) {
            tokens.append(Token(kind: kind, keyword: keyword, offset: Int32(start), length: Int32(end - start)))
        }

        while index < count {
            let start = index
            let current = bytes[index]
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                index += 1

            case UInt8(ascii: "-"):
                if byte(index + 1) == UInt8(ascii: "-") {
                    index += 2
                    while index < count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
                } else {
                    index += 1
                    add(.minus, start, index)
                }

            case UInt8(ascii: "/"):
                if byte(index + 1) == UInt8(ascii: "*") {
                    index += 2
                    var closed = false
                    while index < count {
                        if bytes[index] == UInt8(ascii: "*") && byte(index + 1) == UInt8(ascii: "/") {
                            index += 2
                            closed = true
                            break
                        }
                        index += 1
                    }
                    if !closed { add(.unterminatedComment, start, count) }
                } else {
                    index += 1
                    add(.slash, start, index)
                }

            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                if (current | 0x20) == UInt8(ascii: "x") && byte(index + 1) == UInt8(ascii: "'") {
                    let end = scanQuoted(bytes, from: index + 1, quote: UInt8(ascii: "'"))
                    index = end < 0 ? count : end
                    add(end < 0 ? .unterminatedString : .binaryString, start, index)
                    continue
                }
                index += 1
                while index < count && isWordByte(bytes[index]) { index += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                add(.word, start, index, keyword: Keyword.lookup(word))

            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                index = scanNumber(bytes, from: index, into: &tokens)

            case UInt8(ascii: "."):
                if isDigit(byte(index + 1)) {
                    index = scanNumber(bytes, from: index, into: &tokens)
                } else {
                    index += 1
                    add(.dot, start, index)
                }

            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                let end = scanQuoted(bytes, from: index, quote: current)
                let kind: TokenKind
                switch current {
                case UInt8(ascii: "'"): kind = end < 0 ? .unterminatedString : .string
                case UInt8(ascii: "\""): kind = end < 0 ? .unterminatedQuotedIdentifier : .quotedIdentifier
                default: kind = end < 0 ? .unterminatedQuotedIdentifier : .backquotedIdentifier
                }
                index = end < 0 ? count : end
                add(kind, start, index)

            case UInt8(ascii: "("): index += 1; add(.leftParen, start, index)
            case UInt8(ascii: ")"): index += 1; add(.rightParen, start, index)
            case UInt8(ascii: "["): index += 1; add(.leftBracket, start, index)
            case UInt8(ascii: "]"): index += 1; add(.rightBracket, start, index)
            case UInt8(ascii: ","): index += 1; add(.comma, start, index)
            case UInt8(ascii: ";"): index += 1; add(.semicolon, start, index)
            case UInt8(ascii: "+"): index += 1; add(.plus, start, index)
            case UInt8(ascii: "*"): index += 1; add(.star, start, index)
            case UInt8(ascii: "%"): index += 1; add(.percent, start, index)
            case UInt8(ascii: "?"): index += 1; add(.questionMark, start, index)

            case UInt8(ascii: "|"):
                if byte(index + 1) == UInt8(ascii: "|") {
                    index += 2
                    add(.concat, start, index)
                } else {
                    index += 1
                    add(.invalidCharacter, start, index)
                }

            case UInt8(ascii: "="):
                if byte(index + 1) == UInt8(ascii: ">") {
                    index += 2
                    add(.arrow, start, index)
                } else {
                    index += 1
                    add(.equal, start, index)
                }

            case UInt8(ascii: "<"):
                switch byte(index + 1) {
                case UInt8(ascii: "="): index += 2; add(.lessOrEqual, start, index)
                case UInt8(ascii: ">"): index += 2; add(.notEqual, start, index)
                default: index += 1; add(.less, start, index)
                }

            case UInt8(ascii: ">"):
                if byte(index + 1) == UInt8(ascii: "=") {
                    index += 2
                    add(.greaterOrEqual, start, index)
                } else {
                    index += 1
                    add(.greater, start, index)
                }

            case UInt8(ascii: "!"):
                if byte(index + 1) == UInt8(ascii: "=") {
                    index += 2
                    add(.notEqual, start, index)
                } else {
                    index += 1
                    add(.invalidCharacter, start, index)
                }

            case UInt8(ascii: ":"):
                if byte(index + 1) == UInt8(ascii: ":") {
                    index += 2
                    add(.doubleColon, start, index)
                } else {
                    index += 1
                    add(.colon, start, index)
                }

            default:
                // Anything else is one invalid character; a multi-byte UTF-8 sequence is kept whole so the
                // message can show it.
                index += current < 0x80 ? 1 : utf8SequenceLength(bytes, at: index)
                add(.invalidCharacter, start, index)
            }
        }
        add(.endOfInput, count, count)
        return tokens
    }

    /// The end of the quoted token starting at `from` (a doubled quote is part of it), or -1 if unterminated.
    private static func scanQuoted(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, quote: UInt8) -> Int {
        var index = from + 1
        while index < bytes.count {
            if bytes[index] == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return -1
    }

    /// Scans `digits [. digits] [e [+-] digits]` (or `. digits …`) and appends the token; a number running
    /// straight into letters (`12abc`, `1e`) is one `.invalidNumber` token.
    private static func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into tokens: inout [Token])
        -> Int
    {
        let count = bytes.count
        var index = start
        var kind = TokenKind.integer
        while index < count && isDigit(bytes[index]) { index += 1 }
        if index < count && bytes[index] == UInt8(ascii: ".") {
            kind = .decimal
            index += 1
            while index < count && isDigit(bytes[index]) { index += 1 }
        }
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            var exponent = index + 1
            if exponent < count && (bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-")) {
                exponent += 1
            }
            if exponent < count && isDigit(bytes[exponent]) {
                index = exponent
                while index < count && isDigit(bytes[index]) { index += 1 }
                kind = .double
            }
        }
        if index < count && isWordByte(bytes[index]) {
            kind = .invalidNumber
            while index < count && (isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: ".")) { index += 1 }
        }
        tokens.append(Token(kind: kind, offset: Int32(start), length: Int32(index - start)))
        return index
    }

    /// Length of the UTF-8 sequence starting at `index`, by its lead byte, cut short at a bad continuation.
    private static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        var length = 1
        while length < expected && index + length < bytes.count && bytes[index + length] & 0xC0 == 0x80 {
            length += 1
        }
        return length
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_")
    }
}
