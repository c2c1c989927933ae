// A lazily built DFA for "does the pattern match anywhere" (regexp_like), made from the Pike VM's program:
// each DFA state is the set of program positions alive after some input, built the first time it is
// reached and cached with its transitions (a table for ASCII, a dictionary for other code points). A row
// then costs one table lookup per byte. Patterns with assertions the DFA cannot see without context
// (word boundaries, multi-line anchors) are left to the Pike VM, as are texts ending in a line terminator
// when the pattern uses `$`.
import StrataCore

final class RegexDFA {
    private let program: RegexProgram
    private let instructions: [RegexProgram.Instruction]
    /// Whether the DFA can answer for this program at all.
    let isUsable: Bool
    private let usesFinalTerminatorAnchor: Bool

    private var states: [[Int32]] = []
    private var stateIDs: [[Int32]: Int32] = [:]
    private var asciiTransitions: [Int32] = []
    private var otherTransitions: [UInt64: Int32] = [:]
    private var matchesNow: [Bool] = []
    private var matchesAtEnd: [Bool] = []
    /// Nonzero for states where scanning stops: a match was found, or no thread is left.
    private var stops: [UInt8] = []
    private var initial: Int32 = -1

    // Scratch for closures.
    private var mark: [UInt32]
    private var generation: UInt32 = 0
    private var stack: [Int] = []

    /// States kept before the cache is dropped and rebuilt (bounds memory on adversarial patterns).
    static let maximumStates = 2000

    init(_ program: RegexProgram) {
        self.program = program
        instructions = program.instructions
        mark = Array(repeating: 0, count: program.instructions.count)
        var usable = true
        var finalTerminator = false
        for instruction in program.instructions {
            if case .assert(let assertion) = instruction {
                switch assertion {
                case .startOfText, .endOfText: break
                case .endOfTextOrFinalTerminator: finalTerminator = true
                default: usable = false
                }
            }
        }
        isUsable = usable
        usesFinalTerminatorAnchor = finalTerminator
    }

    /// Whether the pattern matches somewhere in `text`; nil when the Pike VM has to decide.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard isUsable else { return nil }
        if usesFinalTerminatorAnchor, let last = text.last, last == 0x0A || last == 0x0D { return nil }
        if initial < 0 || states.count > RegexDFA.maximumStates { reset() }
        var state = initial
        var position = 0
        let count = text.count
        if stops[Int(state)] != 0 { return stopAnswer(state) }
        while true {
            // The hot loop: ASCII bytes through known transitions until something needs attention.
            let reason: Int = asciiTransitions.withUnsafeBufferPointer { table in
                stops.withUnsafeBufferPointer { stops in
                    while position < count {
                        let byte = text[position]
                        if byte >= 0x80 { return 0 }
                        let next = table[Int(state) &<< 7 | Int(byte)]
                        if next < 0 { return 0 }
                        state = next
                        position &+= 1
                        if stops[Int(state)] != 0 { return 1 }
                    }
                    return 2
                }
            }
            switch reason {
            case 1:
                return stopAnswer(state)
            case 2:
                return matchesAtEnd[Int(state)]
            default:
                // One code point the table does not know yet.
                let (scalar, after) = UTF8Text.decode(text, at: position)
                let next: Int32
                if scalar < 0x80 {
                    next = transition(from: state, on: scalar)
                    asciiTransitions[Int(state) &<< 7 | Int(scalar)] = next
                } else {
                    let key = UInt64(UInt32(bitPattern: state)) << 32 | UInt64(scalar)
                    if let known = otherTransitions[key] {
                        next = known
                    } else {
                        next = transition(from: state, on: scalar)
                        otherTransitions[key] = next
                    }
                }
                state = next
                position = after
                if stops[Int(state)] != 0 { return stopAnswer(state) }
                if states.count > RegexDFA.maximumStates {
                    // Too many states: start a fresh cache and carry on from the current set.
                    let current = states[Int(state)]
                    reset()
                    state = intern(current)
                }
            }
        }
    }

    /// The answer in a state that stops the scan: a match, or (anchored) no thread left alive.
    private func stopAnswer(_ state: Int32) -> Bool {
        matchesNow[Int(state)]
    }

    private func reset() {
        states.removeAll(keepingCapacity: true)
        stateIDs.removeAll(keepingCapacity: true)
        asciiTransitions.removeAll(keepingCapacity: true)
        otherTransitions.removeAll(keepingCapacity: true)
        matchesNow.removeAll(keepingCapacity: true)
        matchesAtEnd.removeAll(keepingCapacity: true)
        stops.removeAll(keepingCapacity: true)
        initial = intern(closure(of: [0], atStart: true))
    }

    /// The state for `set` (sorted), created if new.
    private func intern(_ set: [Int32]) -> Int32 {
        if let id = stateIDs[set] { return id }
        let id = Int32(states.count)
        states.append(set)
        stateIDs[set] = id
        asciiTransitions.append(contentsOf: repeatElement(-1, count: 128))
        var now = false
        var pendingEnd: [Int] = []
        for pc in set {
            switch instructions[Int(pc)] {
            case .match: now = true
            case .assert: pendingEnd.append(Int(pc) + 1)
            default: break
            }
        }
        matchesNow.append(now)
        // At the end of the text the end anchors hold: follow them and see whether a match is reached.
        var atEnd = now
        if !atEnd && !pendingEnd.isEmpty {
            atEnd = closure(of: pendingEnd, atStart: false, atEnd: true).contains { pc in
                if case .match = instructions[Int(pc)] { return true }
                return false
            }
        }
        matchesAtEnd.append(atEnd)
        stops.append(now || set.isEmpty ? 1 : 0)
        return id
    }

    private func transition(from state: Int32, on scalar: UInt32) -> Int32 {
        var targets: [Int] = []
        for pc in states[Int(state)] {
            let accepted: Bool
            switch instructions[Int(pc)] {
            case .character(let expected): accepted = scalar == expected
            case .foldedCharacter(let expected): accepted = RegexMatcher.fold(scalar) == expected
            case .set(let index): accepted = program.sets[index].contains(scalar)
            case .any: accepted = true
            case .anyExceptTerminator: accepted = !RegexMatcher.isTerminator(scalar)
            default: accepted = false
            }
            if accepted { targets.append(Int(pc) + 1) }
        }
        // Unanchored: a match may also start after this character.
        if !program.anchoredAtStart { targets.append(0) }
        return intern(closure(of: targets, atStart: false))
    }

    /// Positions reachable from `starts` without input: consuming instructions, `match`, and end
    /// anchors that wait for the end of the text (kept so `intern` can follow them there).
    private func closure(of starts: [Int], atStart: Bool, atEnd: Bool = false) -> [Int32] {
        generation &+= 1
        if generation == 0 {
            for index in mark.indices { mark[index] = 0 }
            generation = 1
        }
        var result: [Int32] = []
        stack.removeAll(keepingCapacity: true)
        stack.append(contentsOf: starts.reversed())
        while let pc = stack.popLast() {
            guard mark[pc] != generation else { continue }
            mark[pc] = generation
            switch instructions[pc] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .save:
                stack.append(pc + 1)
            case .assert(let assertion):
                switch assertion {
                case .startOfText:
                    if atStart { stack.append(pc + 1) }
                case .endOfText, .endOfTextOrFinalTerminator:
                    if atEnd { stack.append(pc + 1) } else { result.append(Int32(pc)) }
                default:
                    break
                }
            default:
                result.append(Int32(pc))
            }
        }
        result.sort()
        return result
    }
}
