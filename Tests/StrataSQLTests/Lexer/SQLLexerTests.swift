// The lexer: token kinds, offsets and lengths over raw bytes, keyword tagging, comments, and lexical errors
// as tokens.
import Testing
@testable import StrataSQL

@Suite struct SQLLexerTests {
    /// `(kind, text)` of every token but the last (end of input).
    func lex(_ text: String) -> [(TokenKind, String)] {
        let tokens = SQLLexer.tokenize(text)
        let bytes = Array(text.utf8)
        return tokens.dropLast().map { token in
            (token.kind, String(decoding: bytes[Int(token.offset)..<token.end], as: UTF8.self))
        }
    }

    func kinds(_ text: String) -> [TokenKind] { lex(text).map(\.0) }

    @Test func tokensCarryOffsetsAndLengthsInBytes() {
        let tokens = SQLLexer.tokenize("SELECT  é_x")
        #expect(tokens.count == 4)  // SELECT, invalid é, _x, end
        #expect(tokens[0].offset == 0 && tokens[0].length == 6)
        #expect(tokens[1].kind == .invalidCharacter && tokens[1].offset == 8 && tokens[1].length == 2)
        #expect(tokens[2].kind == .word && tokens[2].offset == 10 && tokens[2].length == 2)
        #expect(tokens[3].kind == .endOfInput && tokens[3].offset == 12 && tokens[3].length == 0)
    }

    @Test func wordsAreTaggedWithKeywordsInAnyCase() {
        let tokens = SQLLexer.tokenize("select SeLeCt FROM from_ x")
        #expect(tokens[0].keyword == .select)
        #expect(tokens[1].keyword == .select)
        #expect(tokens[2].keyword == .from)
        #expect(tokens[3].keyword == nil)
        #expect(tokens[4].keyword == nil)
        #expect(SQLLexer.tokenize("current_timestamp TRY_CAST")[0].keyword == .currentTimestamp)
        #expect(SQLLexer.tokenize("current_timestamp TRY_CAST")[1].keyword == .tryCast)
    }

    @Test func identifiersQuotedAndBackquoted() {
        #expect(kinds(#""a b" "x""y" `c` `d``e`"#) == [.quotedIdentifier, .quotedIdentifier, .backquotedIdentifier, .backquotedIdentifier])
        #expect(lex(#""x""y""#)[0].1 == #""x""y""#)
    }

    @Test func stringsWithDoubledQuotesAndNewlines() {
        #expect(lex("'it''s' '' 'a\nb'").map(\.0) == [.string, .string, .string])
        #expect(lex("'it''s'")[0].1 == "'it''s'")
        #expect(kinds("X'00ff' x'AB' X 'x'") == [.binaryString, .binaryString, .word, .string])
    }

    @Test func numbers() {
        let cases: [(String, TokenKind)] = [
            ("42", .integer), ("007", .integer), ("4.2", .decimal), (".5", .decimal), ("4.", .decimal),
            ("1e3", .double), ("1E-3", .double), ("2.5e+10", .double), (".5e1", .double), ("1.e5", .double),
        ]
        for (text, kind) in cases {
            #expect(lex(text).map(\.0) == [kind], "\(text)")
            #expect(lex(text)[0].1 == text)
        }
        #expect(kinds("12abc") == [.invalidNumber])
        #expect(kinds("1e") == [.invalidNumber])
        #expect(kinds("1_000") == [.invalidNumber])
        #expect(kinds("1.5.2") == [.decimal, .decimal])
        #expect(kinds("t.5") == [.word, .decimal])
    }

    @Test func operatorsAndPunctuation() {
        #expect(
            kinds("+ - * / % || = <> != < <= > >= => :: : ( ) [ ] , . ; ?") == [
                .plus, .minus, .star, .slash, .percent, .concat, .equal, .notEqual, .notEqual, .less, .lessOrEqual,
                .greater, .greaterOrEqual, .arrow, .doubleColon, .colon, .leftParen, .rightParen, .leftBracket,
                .rightBracket, .comma, .dot, .semicolon, .questionMark,
            ])
        #expect(kinds("a<>b") == [.word, .notEqual, .word])
        #expect(kinds("map<string,int>") == [.word, .less, .word, .comma, .word, .greater])
        #expect(kinds("array<array<int>>") == [.word, .less, .word, .less, .word, .greater, .greater])
        #expect(kinds("| !") == [.invalidCharacter, .invalidCharacter])
    }

    @Test func commentsAreSkipped() {
        #expect(lex("a -- comment\nb /* block\n * comment */ c").map(\.1) == ["a", "b", "c"])
        #expect(lex("1--2").map(\.1) == ["1"])
        #expect(lex("1 - -2").map(\.1) == ["1", "-", "-", "2"])
        #expect(lex("a/**/b").map(\.1) == ["a", "b"])
        #expect(lex("'-- not' \"/* not */\"").map(\.0) == [.string, .quotedIdentifier])
        #expect(lex("-- only a comment").isEmpty)
    }

    @Test func unterminatedTokensRunToTheEndAndStartWhereTheyStart() {
        for (text, kind) in [
            ("SELECT 'abc", TokenKind.unterminatedString), ("SELECT \"abc", .unterminatedQuotedIdentifier),
            ("SELECT `abc", .unterminatedQuotedIdentifier), ("SELECT /* abc", .unterminatedComment),
            ("SELECT X'ab", .unterminatedString), ("SELECT 'it''", .unterminatedString),
        ] {
            let tokens = SQLLexer.tokenize(text)
            #expect(tokens.count == 3, "\(text)")
            #expect(tokens[1].kind == kind, "\(text)")
            #expect(tokens[1].offset == 7)
            #expect(tokens[1].end == text.utf8.count)
        }
    }

    @Test func aLeadingByteOrderMarkIsSkipped() throws {
        let tokens = SQLLexer.tokenize("\u{FEFF}SELECT 1")
        #expect(tokens.map(\.kind) == [.word, .integer, .endOfInput])
        #expect(tokens[0].offset == 3)
        #expect(try SQLParser.parse("\u{FEFF}SELECT 1;").count == 1)
        #expect(kinds("SELECT \u{FEFF}1") == [.word, .invalidCharacter, .integer])
    }

    @Test func nonASCIIOutsideQuotesIsOneInvalidCharacterPerScalar() {
        let tokens = SQLLexer.tokenize("a 😀 b")
        #expect(tokens[1].kind == .invalidCharacter)
        #expect(tokens[1].length == 4)
        #expect(kinds("\"é\" 'ü'") == [.quotedIdentifier, .string])
    }

    @Test func anyBytesLexWithoutCrashingAndCoverTheInput() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let tokens = bytes.withUnsafeBufferPointer { SQLLexer.tokenize($0) }
            #expect(tokens.last?.kind == .endOfInput)
            var previousEnd = 0
            for token in tokens {
                #expect(Int(token.offset) >= previousEnd && token.end <= bytes.count)
                previousEnd = token.end
            }
        }
    }

    @Test func everyKeywordIsRecognizedFromItsSpelling() {
        for keyword in Keyword.allCases {
            #expect(Keyword(spelling: keyword.rawValue) == keyword)
            #expect(Keyword(spelling: keyword.rawValue.lowercased()) == keyword)
        }
        #expect(Keyword(spelling: "selects") == nil)
        #expect(Keyword(spelling: "") == nil)
    }
}
