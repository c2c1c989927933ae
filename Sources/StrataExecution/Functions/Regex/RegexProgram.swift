// A regular expression compiled for a Pike VM: the parsed pattern becomes a small instruction program
// that is run over the text by advancing all alive threads one code point at a time. Time is
// O(text × program) whatever the pattern, so hostile patterns like `(a*)*b` cannot blow up; leftmost-first
// (Perl/Java) match priority is kept by the order of threads. Programs are immutable and shared; the
// per-search scratch lives in `RegexMatcher`.
import StrataCore

final class RegexProgram {
    enum Instruction {
        case character(UInt32)
        /// Matches a code point whose case fold equals this one.
        case foldedCharacter(UInt32)
        case set(Int)
        case any
        /// `.` without DOTALL: anything but a line terminator.
        case anyExceptTerminator
        /// Tries the first target before the second.
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case assert(RegexAssertion)
        case match
    }

    let pattern: String
    let instructions: [Instruction]
    let sets: [CodePointSet]
    /// Capture groups, not counting the whole match.
    let groupCount: Int
    let groupNames: [String: Int]
    /// Bytes every match starts with (lets a search skip ahead with a substring search).
    let literalPrefix: [UInt8]
    let anchoredAtStart: Bool

    /// Programs larger than this are rejected ("regular expression too large").
    static let maximumInstructions = 100_000

    init(pattern: String) throws {
        self.pattern = pattern
        var parser = RegexParser(pattern)
        let root = try parser.parse()
        var compiler = Compiler(pattern: pattern)
        compiler.emit(.save(0))
        try compiler.compile(root)
        compiler.emit(.save(1))
        compiler.emit(.match)
        instructions = compiler.instructions
        sets = compiler.sets
        groupCount = parser.captureCount
        groupNames = parser.groupNames
        let (prefix, anchored) = RegexProgram.prefix(of: root)
        literalPrefix = prefix
        anchoredAtStart = anchored
    }

    var slotCount: Int { 2 * (groupCount + 1) }

    /// The DFA that answers "is there a match" fast; built lazily, and mutable, so a program is only ever
    /// used by one evaluator (one thread) at a time, which the evaluator's own pattern cache ensures.
    private(set) lazy var dfa = RegexDFA(self)

    /// The literal bytes a match must begin with, and whether the pattern is anchored at the start.
    private static func prefix(of root: RegexNode) -> ([UInt8], Bool) {
        var items: [RegexNode]
        switch root {
        case .concat(let nodes): items = nodes
        default: items = [root]
        }
        if case .assertion(.startOfText) = items.first { return ([], true) }
        var scalars: [UInt32] = []
        loop: for item in items {
            switch item {
            case .literal(let scalar, folded: false): scalars.append(scalar)
            case .group(.literal(let scalar, folded: false), _): scalars.append(scalar)
            default: break loop
            }
        }
        var bytes: [UInt8] = []
        for scalar in scalars { UTF8Text.encode(scalar, into: &bytes) }
        return (bytes, false)
    }

    private struct Compiler {
        let pattern: String
        var instructions: [Instruction] = []
        var sets: [CodePointSet] = []

        mutating func emit(_ instruction: Instruction) {
            instructions.append(instruction)
        }

        private func checkSize() throws {
            if instructions.count > RegexProgram.maximumInstructions {
                throw ExecutionError(.invalidArgument, "Invalid regular expression '\(pattern)': too large once repetitions are expanded")
            }
        }

        mutating func compile(_ node: RegexNode) throws {
            try checkSize()
            switch node {
            case .empty:
                break
            case .literal(let scalar, let folded):
                emit(folded ? .foldedCharacter(scalar) : .character(scalar))
            case .any(let dotAll):
                emit(dotAll ? .any : .anyExceptTerminator)
            case .set(let set, _):
                sets.append(set)
                emit(.set(sets.count - 1))
            case .concat(let items):
                for item in items { try compile(item) }
            case .alternate(let branches):
                var jumps: [Int] = []
                for (index, branch) in branches.enumerated() {
                    if index < branches.count - 1 {
                        let split = instructions.count
                        emit(.split(split + 1, -1))
                        try compile(branch)
                        jumps.append(instructions.count)
                        emit(.jump(-1))
                        instructions[split] = .split(split + 1, instructions.count)
                    } else {
                        try compile(branch)
                    }
                }
                for jump in jumps { instructions[jump] = .jump(instructions.count) }
            case .group(let inner, let capture):
                if let capture { emit(.save(2 * capture)) }
                try compile(inner)
                if let capture { emit(.save(2 * capture + 1)) }
            case .repetition(let inner, let minimum, let maximum, let greedy):
                for _ in 0..<minimum { try compile(inner) }
                if let maximum {
                    // Optional copies: each may be skipped, which skips the ones after it too.
                    var splits: [Int] = []
                    for _ in minimum..<maximum {
                        splits.append(instructions.count)
                        emit(.split(-1, -1))
                        try compile(inner)
                    }
                    let end = instructions.count
                    for split in splits {
                        instructions[split] = greedy ? .split(split + 1, end) : .split(end, split + 1)
                    }
                } else {
                    // A loop: split into the body (greedy) or past it, and jump back after the body.
                    let split = instructions.count
                    emit(.split(-1, -1))
                    try compile(inner)
                    emit(.jump(split))
                    let end = instructions.count
                    instructions[split] = greedy ? .split(split + 1, end) : .split(end, split + 1)
                }
            case .assertion(let assertion):
                emit(.assert(assertion))
            }
            try checkSize()
        }
    }
}
