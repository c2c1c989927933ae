// How a batch of ranged reads becomes requests: merged when close, split when long, cut back exactly.
import Testing
@testable import StrataStorage

@Suite struct RangeCoalescerTests {
    /// Simulates fetching the plan from objects whose byte at offset i is `i % 251` and checks every read.
    private func check(_ reads: [RangeRead], _ plan: RangeCoalescer.Plan, maxPiece: Int) {
        for span in plan.spans {
            #expect(span.pieces.first?.lowerBound == span.range.lowerBound)
            #expect(span.pieces.last?.upperBound == span.range.upperBound)
            #expect(zip(span.pieces, span.pieces.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(span.pieces.allSatisfy { $0.count <= maxPiece && !$0.isEmpty })
        }
        for (read, slice) in zip(reads, plan.slices) {
            guard let spanIndex = slice.span else {
                #expect(read.range.isEmpty)
                continue
            }
            let span = plan.spans[spanIndex]
            #expect(span.key == read.key)
            #expect(slice.range.count == read.range.count)
            #expect(span.range.lowerBound + slice.range.lowerBound == read.range.lowerBound)
        }
    }

    @Test func mergesNearbyRangesOfOneObject() {
        let coalescer = RangeCoalescer(maxGap: 100, maxPiece: 1_000_000)
        let reads = [
            RangeRead(key: "b", range: 500..<600), RangeRead(key: "a", range: 0..<10), RangeRead(key: "a", range: 50..<60),
            RangeRead(key: "a", range: 161..<170), RangeRead(key: "a", range: 5..<8), RangeRead(key: "b", range: 0..<10),
            RangeRead(key: "a", range: 60..<60),
        ]
        let plan = coalescer.plan(reads)
        #expect(plan.spans.map(\.key) == ["a", "a", "b", "b"])
        #expect(plan.spans.map(\.range) == [0..<60, 161..<170, 0..<10, 500..<600])
        #expect(plan.slices[6].span == nil)
        check(reads, plan, maxPiece: 1_000_000)
    }

    @Test func splitsLongSpansIntoEqualPieces() {
        let coalescer = RangeCoalescer(maxGap: 0, maxPiece: 100)
        let reads = [RangeRead(key: "k", range: 10..<260), RangeRead(key: "k", range: 260..<300)]
        let plan = coalescer.plan(reads)
        #expect(plan.spans.count == 1)
        #expect(plan.spans[0].pieces == [10..<107, 107..<204, 204..<300])
        check(reads, plan, maxPiece: 100)
    }

    @Test func randomBatchesCutBackExactly() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let reads = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in
                let start = Int.random(in: 0..<10_000, using: &generator)
                return RangeRead(key: ["x", "y", "z"].randomElement(using: &generator)!, range: start..<(start + Int.random(in: 0..<3_000, using: &generator)))
            }
            let maxGap = Int.random(in: 0..<2_000, using: &generator)
            let maxPiece = Int.random(in: 1..<5_000, using: &generator)
            let plan = RangeCoalescer(maxGap: maxGap, maxPiece: maxPiece).plan(reads)
            check(reads, plan, maxPiece: maxPiece)
            // Spans of one object never overlap and are at least the gap apart.
            for (left, right) in zip(plan.spans, plan.spans.dropFirst()) where left.key == right.key {
                #expect(right.range.lowerBound > left.range.upperBound + maxGap)
            }
        }
    }
}
