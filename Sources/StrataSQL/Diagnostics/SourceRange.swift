// Where a token or AST node sits in the SQL text. Offsets are UTF-8 bytes, so slicing the source is exact
// and cheap; lines and columns are computed only when a message is shown (`SourceLocation`).

/// A half-open range `[lowerBound, upperBound)` of UTF-8 byte offsets into the parsed text.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var lowerBound: Int
    public var upperBound: Int

    @inlinable
    public init(_ lowerBound: Int, _ upperBound: Int) {
        self.lowerBound = lowerBound
        self.upperBound = Swift.max(lowerBound, upperBound)
    }

    /// An empty range at `offset`, for positions between tokens (such as the end of the input).
    @inlinable
    public init(at offset: Int) {
        self.init(offset, offset)
    }

    @inlinable
    public var length: Int { upperBound - lowerBound }

    /// The smallest range covering both.
    @inlinable
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(Swift.min(lowerBound, other.lowerBound), Swift.max(upperBound, other.upperBound))
    }

    /// The text this range covers in `source`; empty when the range lies outside it.
    public func text(in source: String) -> String {
        let utf8 = source.utf8
        guard lowerBound >= 0, upperBound <= utf8.count, lowerBound <= upperBound else { return "" }
        let start = utf8.index(utf8.startIndex, offsetBy: lowerBound)
        let end = utf8.index(start, offsetBy: length)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    public var description: String { "\(lowerBound)..<\(upperBound)" }
}
