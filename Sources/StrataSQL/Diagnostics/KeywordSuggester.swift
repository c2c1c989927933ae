// "Did you mean ...?": the candidate closest to a misspelled word by edit distance (insertions, deletions,
// substitutions and swaps of neighbours each cost 1), if it is close enough to be a likely typo.

enum KeywordSuggester {
    /// The candidate nearest to `word`, compared case-insensitively, or nil when none is a plausible typo:
    /// words of 3–5 letters may be 1 edit away, longer ones 2.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let target = Array(word.uppercased().utf8)
        guard target.count >= 3, target.count <= 40 else { return nil }
        let limit = target.count >= 6 ? 2 : 1
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let spelled = Array(candidate.uppercased().utf8)
            if spelled == target { return nil }  // it is the word itself: nothing to suggest
            guard abs(spelled.count - target.count) <= limit else { continue }
            let distance = editDistance(target, spelled)
            if distance <= limit && distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previousPrevious = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = Swift.min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
