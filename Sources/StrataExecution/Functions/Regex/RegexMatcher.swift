// The Pike VM: runs a `RegexProgram` over UTF-8 text, all alive threads advancing one code point at a time,
// in priority order so the leftmost-first (Java) match wins; captures ride along with each thread.
import StrataCore

/// The scratch state of searches with one program: two thread lists and a stack. Reused across rows of a
/// batch; one per kernel call, never shared between threads.
final class RegexMatcher {
    let program: RegexProgram
    private let instructions: [RegexProgram.Instruction]
    private var current: ThreadList
    private var following: ThreadList
    private var stack: [Frame] = []
    private var working: [Int] = []
    /// Capture slots (byte offsets, -1 when unset) of the last successful `search`.
    private(set) var captures: [Int] = []

    private enum Frame {
        case explore(Int)
        case restore(Int, Int)
    }

    private struct ThreadList {
        var dense: [Int32]
        var sparse: [Int32]
        var visitedCount = 0
        /// Threads waiting at consuming instructions (or at `match`), in priority order.
        var threads: [Int32] = []
        var slots: [Int] = []

        init(size: Int) {
            dense = Array(repeating: 0, count: size)
            sparse = Array(repeating: 0, count: size)
        }

        mutating func clear() {
            visitedCount = 0
            threads.removeAll(keepingCapacity: true)
            slots.removeAll(keepingCapacity: true)
        }

        /// Marks `pc` visited; false if it already was.
        @inline(__always)
        mutating func visit(_ pc: Int) -> Bool {
            let index = Int(sparse[pc])
            if index < visitedCount && Int(dense[index]) == pc { return false }
            sparse[pc] = Int32(visitedCount)
            dense[visitedCount] = Int32(pc)
            visitedCount += 1
            return true
        }
    }

    init(_ program: RegexProgram) {
        self.program = program
        instructions = program.instructions
        current = ThreadList(size: program.instructions.count)
        following = ThreadList(size: program.instructions.count)
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let answer = program.dfa.matches(text) { return answer }
        return run(text, from: 0, slotCount: 0)
    }

    /// `matches` answered by the Pike VM alone (for checking the DFA).
    func matchesWithoutDFA(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        run(text, from: 0, slotCount: 0)
    }

    /// Finds the leftmost-first match at or after byte offset `start`; its groups are in `captures`.
    func search(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        // The DFA rules out texts without any match before the slower search for the groups.
        if start == 0, program.dfa.matches(text) == false { return false }
        return run(text, from: start, slotCount: program.slotCount)
    }

    private func run(_ text: UnsafeBufferPointer<UInt8>, from start: Int, slotCount: Int) -> Bool {
        let count = text.count
        let prefix = program.literalPrefix
        var position = start
        var matched = false
        current.clear()
        working = Array(repeating: -1, count: slotCount)
        if program.anchoredAtStart && start > 0 { return false }
        addThread(&current, 0, position, text, slotCount)
        while true {
            if current.threads.isEmpty {
                if matched || program.anchoredAtStart || position >= count { break }
                // Nothing alive: jump to the next place a match can start.
                if !prefix.isEmpty {
                    guard let hit = prefix.withUnsafeBufferPointer({ ByteString.find($0, in: text, from: position) }) else { break }
                    position = hit
                    current.clear()
                    for slot in 0..<slotCount { working[slot] = -1 }
                    addThread(&current, 0, position, text, slotCount)
                    if current.threads.isEmpty { break }
                }
            }
            if position >= count {
                for (index, pc) in current.threads.enumerated() {
                    if case .match = instructions[Int(pc)] {
                        if slotCount == 0 { return true }
                        captures = Array(current.slots[(index * slotCount)..<((index + 1) * slotCount)])
                        matched = true
                        break
                    }
                }
                break
            }
            let (scalar, next) = UTF8Text.decode(text, at: position)
            following.clear()
            threads: for (index, pc) in current.threads.enumerated() {
                let accepted: Bool
                switch instructions[Int(pc)] {
                case .match:
                    if slotCount == 0 { return true }
                    captures = Array(current.slots[(index * slotCount)..<((index + 1) * slotCount)])
                    matched = true
                    // Lower-priority threads lose to a match.
                    break threads
                case .character(let expected): accepted = scalar == expected
                case .foldedCharacter(let expected): accepted = RegexMatcher.fold(scalar) == expected
                case .set(let index): accepted = program.sets[index].contains(scalar)
                case .any: accepted = true
                case .anyExceptTerminator: accepted = !RegexMatcher.isTerminator(scalar)
                default: accepted = false
                }
                if accepted {
                    for slot in 0..<slotCount { working[slot] = current.slots[index * slotCount + slot] }
                    addThread(&following, Int(pc) + 1, next, text, slotCount)
                }
            }
            // A match may also start at the next position; with a literal prefix only where its first byte
            // is (when no thread is alive the search skips ahead instead).
            if !matched && !program.anchoredAtStart && (prefix.isEmpty || (next < count && text[next] == prefix[0])) {
                for slot in 0..<slotCount { working[slot] = -1 }
                addThread(&following, 0, next, text, slotCount)
            }
            swap(&current, &following)
            position = next
        }
        return matched
    }

    /// Follows jumps, splits, saves and assertions from `pc` at `position`, adding the threads that wait
    /// on input (or match) to `list`, in priority order. `working` holds the thread's captures.
    private func addThread(_ list: inout ThreadList, _ pc: Int, _ position: Int, _ text: UnsafeBufferPointer<UInt8>, _ slotCount: Int) {
        stack.append(.explore(pc))
        while let frame = stack.popLast() {
            switch frame {
            case .restore(let slot, let value):
                working[slot] = value
            case .explore(let pc):
                guard list.visit(pc) else { continue }
                switch instructions[pc] {
                case .jump(let target):
                    stack.append(.explore(target))
                case .split(let first, let second):
                    stack.append(.explore(second))
                    stack.append(.explore(first))
                case .save(let slot):
                    if slot < slotCount {
                        stack.append(.restore(slot, working[slot]))
                        working[slot] = position
                    }
                    stack.append(.explore(pc + 1))
                case .assert(let assertion):
                    if RegexMatcher.holds(assertion, at: position, in: text) { stack.append(.explore(pc + 1)) }
                default:
                    list.threads.append(Int32(pc))
                    if slotCount > 0 { list.slots.append(contentsOf: working) }
                }
            }
        }
    }

    @inline(__always)
    static func fold(_ scalar: UInt32) -> UInt32 {
        if scalar < 128 { return scalar &- 65 < 26 ? scalar | 0x20 : scalar }
        return RegexParser.fold(scalar)
    }

    @inline(__always)
    static func isTerminator(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D || scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || byte &- 65 < 26 || byte &- 97 < 26 || byte == 95
    }

    private static func holds(_ assertion: RegexAssertion, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        switch assertion {
        case .startOfText:
            return position == 0
        case .endOfText:
            return position == count
        case .endOfTextOrFinalTerminator:
            if position == count { return true }
            if position == count - 1 { return text[position] == 0x0A || text[position] == 0x0D }
            return position == count - 2 && text[position] == 0x0D && text[position + 1] == 0x0A
        case .startOfLine:
            if position == 0 { return true }
            let previous = text[position - 1]
            // Not after a terminator that ends the text, and not between \r and \n.
            if previous == 0x0A { return position < count }
            return previous == 0x0D && position < count && text[position] != 0x0A
        case .endOfLine:
            if position == count { return true }
            let byte = text[position]
            if byte == 0x0A { return position == 0 || text[position - 1] != 0x0D }
            return byte == 0x0D
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && isWordByte(text[position - 1])
            let after = position < count && isWordByte(text[position])
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}
