// Random patterns and texts: the lazy DFA against the Pike VM, and both against Python's `re` (whose
// leftmost-first semantics are Java's for this syntax).
import Foundation
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataExecution

@Suite struct RegexDifferentialTests {
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }

        mutating func pattern(depth: Int = 0) -> String {
            let atoms = ["a", "b", "c", ".", "[ab]", "[^a]", "\\d", "x", "é", "(?i)A"]
            var parts: [String] = []
            for _ in 0..<(1 + next(3)) {
                var atom: String
                var quantifiers = ["", "", "*", "+", "?", "{1,2}", "*?", "+?", "{2}"]
                if depth < 2 && next(4) == 0 {
                    atom = "(" + pattern(depth: depth + 1) + (next(2) == 0 ? "|" + pattern(depth: depth + 1) : "") + ")"
                    // No unbounded repetition of groups: Python's backtracking would take exponential time.
                    quantifiers = ["", "?", "{1,2}", "{2}"]
                } else {
                    atom = atoms[next(atoms.count)]
                    if atom == "(?i)A" { atom = "(?i:A)" }
                }
                parts.append(atom + quantifiers[next(quantifiers.count)])
            }
            var result = parts.joined()
            if depth == 0 {
                if next(4) == 0 { result = "^" + result }
                if next(4) == 0 { result += "$" }
            }
            return result
        }

        mutating func text() -> String {
            let alphabet = ["a", "b", "c", "x", "1", "A", "é", "ab"]
            return (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }.joined()
        }
    }

    @Test func dfaPikeAndPythonAgree() throws {
        var generator = Generator(state: 7)
        var cases: [(pattern: String, text: String)] = []
        for _ in 0..<400 {
            let pattern = generator.pattern()
            for _ in 0..<6 { cases.append((pattern, generator.text())) }
        }
        let script = """
            import json, re, sys
            out = []
            for pattern, text in json.loads(sys.stdin.read()):
                m = re.search(pattern, text)
                out.append(None if m is None else m.group(0))
            print(json.dumps(out))
            """
        let input = String(decoding: try JSONEncoder().encode(cases.map { [$0.pattern, $0.text] }), as: UTF8.self)
        let expected = try JSONDecoder().decode([String?].self, from: Data(try Subprocess.run("/usr/bin/env", ["python3", "-c", script], input: input).utf8))
        var mismatches: [String] = []
        for (index, entry) in cases.enumerated() {
            let program = try RegexProgram(pattern: entry.pattern)
            let matcher = RegexMatcher(program)
            var text = entry.text
            text.withUTF8 { bytes in
                let pike = matcher.matchesWithoutDFA(bytes)
                let dfa = program.dfa.matches(bytes)
                let found = matcher.search(bytes, from: 0)
                let extracted = found ? String(decoding: bytes[matcher.captures[0]..<matcher.captures[1]], as: UTF8.self) : nil
                if let dfa, dfa != pike { mismatches.append("DFA \(dfa) vs Pike \(pike): /\(entry.pattern)/ on '\(entry.text)'") }
                if pike != (expected[index] != nil) || extracted != expected[index] {
                    mismatches.append("ours \(extracted ?? "nil") vs Python \(expected[index] ?? "nil"): /\(entry.pattern)/ on '\(entry.text)'")
                }
            }
        }
        #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) of \(cases.count):\n" + mismatches.prefix(20).joined(separator: "\n")))
    }
}
