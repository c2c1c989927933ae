// The multi-line form of an error: the one-line message, the source line it is on, and a caret under the
// spot. Tabs in the line are copied into the caret line so the caret stays aligned; a very long line is
// shown as a window around the spot.

extension SQLError {
    /// The widest source line shown whole; longer lines are cut to a window around the caret.
    static let maximumShownLineWidth = 120

    /// ```
    /// line 1, column 11: expected an expression after '+'
    /// SELECT 1 +
    ///           ^
    /// ```
    public func render(source: String) -> String {
        let bytes = Array(source.utf8)
        let offset = Swift.min(Swift.max(range.lowerBound, 0), bytes.count)
        var lineStart = offset
        while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = offset
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") && lineEnd - 1 >= offset {
            lineEnd -= 1
        }

        let before = Array(String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars)
        let after = Array(String(decoding: bytes[offset..<Swift.max(offset, lineEnd)], as: UTF8.self).unicodeScalars)
        var shownBefore = before[...]
        var shownAfter = after[...]
        var prefix = ""
        var suffix = ""
        let half = SQLError.maximumShownLineWidth / 2
        if before.count + after.count > SQLError.maximumShownLineWidth {
            if before.count > half {
                shownBefore = before[(before.count - half)...]
                prefix = "..."
            }
            if after.count > half {
                shownAfter = after[..<half]
                suffix = "..."
            }
        }

        var line = prefix
        line.unicodeScalars.append(contentsOf: shownBefore)
        line.unicodeScalars.append(contentsOf: shownAfter)
        line += suffix

        var caret = String(repeating: " ", count: prefix.count)
        for scalar in shownBefore { caret.unicodeScalars.append(scalar == "\t" ? "\t" : " ") }
        caret += "^"
        return "\(description)\n\(line)\n\(caret)"
    }
}
