// Plans the GETs for a batch of ranged reads: ranges of the same object that overlap or lie within
// `maxGap` bytes of each other are merged into one span (a request costs far more than a few hundred
// kilobytes of gap), and spans longer than `maxPiece` are cut into pieces fetched concurrently (one
// connection rarely fills the link). Afterwards each read is cut back out of its span.

struct RangeCoalescer: Sendable {
    var maxGap: Int
    var maxPiece: Int

    struct Span: Sendable, Equatable {
        var key: String
        var range: Range<Int>
        /// Consecutive pieces covering `range`, each at most `maxPiece` long.
        var pieces: [Range<Int>]
    }

    struct Plan: Sendable {
        var spans: [Span]
        /// For each read, in the order given: its span, and its range relative to the span's start
        /// (nil span for an empty read, which needs no request).
        var slices: [(span: Int?, range: Range<Int>)]
    }

    func plan(_ reads: [RangeRead]) -> Plan {
        var slices = [(span: Int?, range: Range<Int>)](repeating: (nil, 0..<0), count: reads.count)
        let order = reads.indices.filter { !reads[$0].range.isEmpty }.sorted {
            let left = reads[$0], right = reads[$1]
            if left.key != right.key { return left.key.utf8.lexicographicallyPrecedes(right.key.utf8) }
            return left.range.lowerBound < right.range.lowerBound
        }
        var spans: [Span] = []
        var members: [[Int]] = []
        for index in order {
            let read = reads[index]
            if let last = spans.last, last.key == read.key, read.range.lowerBound <= last.range.upperBound + maxGap {
                let upper = max(last.range.upperBound, read.range.upperBound)
                spans[spans.count - 1].range = last.range.lowerBound..<upper
                members[members.count - 1].append(index)
            } else {
                spans.append(Span(key: read.key, range: read.range, pieces: []))
                members.append([index])
            }
        }
        for spanIndex in spans.indices {
            let range = spans[spanIndex].range
            let pieceCount = max(1, (range.count + maxPiece - 1) / max(1, maxPiece))
            // Equal pieces rather than full ones and a runt: the slowest request sets the pace.
            let pieceSize = (range.count + pieceCount - 1) / pieceCount
            var start = range.lowerBound
            while start < range.upperBound {
                let end = min(range.upperBound, start + pieceSize)
                spans[spanIndex].pieces.append(start..<end)
                start = end
            }
            for member in members[spanIndex] {
                let readRange = reads[member].range
                slices[member] = (spanIndex, (readRange.lowerBound - range.lowerBound)..<(readRange.upperBound - range.lowerBound))
            }
        }
        return Plan(spans: spans, slices: slices)
    }
}
