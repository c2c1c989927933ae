// One token: its kind, the keyword a bare word spells, and where it sits. The text itself stays in the
// source bytes; `SQLLexer` and the parser slice it out only when a value is needed.

public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    /// The keyword a `.word` token spells, in any letter case; nil for other kinds and plain identifiers.
    public var keyword: Keyword?
    /// UTF-8 byte offset of the first byte.
    public var offset: Int32
    /// Length in UTF-8 bytes, quotes and prefixes included.
    public var length: Int32

    @inlinable
    public init(kind: TokenKind, keyword: Keyword? = nil, offset: Int32, length: Int32) {
        self.kind = kind
        self.keyword = keyword
        self.offset = offset
        self.length = length
    }

    @inlinable
    public var range: SourceRange { SourceRange(Int(offset), Int(offset) + Int(length)) }

    @inlinable
    public var end: Int { Int(offset) + Int(length) }
}
