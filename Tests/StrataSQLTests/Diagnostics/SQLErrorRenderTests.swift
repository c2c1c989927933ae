// The multi-line form: the one-line message, the source line, a caret under the spot.
import Testing
@testable import StrataSQL

@Suite struct SQLErrorRenderTests {
    func rendered(_ sql: String) -> String {
        do throws(SQLError) {
            _ = try SQLParser.parse(sql)
            return ""
        } catch {
            return error.render(source: sql)
        }
    }

    @Test func caretUnderTheSpot() {
        #expect(rendered("SELECT 1 +") == "line 1, column 11: expected an expression after '+'\nSELECT 1 +\n          ^")
        #expect(
            rendered("SELEC * FROM t")
                == "line 1, column 1: expected a statement (SELECT, WITH, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, ...), found 'SELEC'; did you mean SELECT?\nSELEC * FROM t\n^")
    }

    @Test func showsTheLineOfTheErrorInAMultiLineScript() {
        let sql = "SELECT a,\n       b +\n  FROM t;"
        #expect(rendered(sql) == "line 3, column 3: expected an expression after '+', found the keyword FROM\n  FROM t;\n  ^")
    }

    @Test func unterminatedTokensShowWhereTheyStart() {
        #expect(
            rendered("SELECT 1,\n  'never\nclosed")
                == "line 2, column 3: unterminated string: the quote that starts here is never closed\n  'never\n  ^")
    }

    @Test func tabsStayAlignedAndWideCharactersCountOnce() {
        #expect(rendered("\tSELECT\t1 +") == "line 1, column 12: expected an expression after '+'\n\tSELECT\t1 +\n\t      \t   ^")
        #expect(rendered("SELECT 'é' ++") == "line 1, column 14: expected an expression after '+'\nSELECT 'é' ++\n             ^")
    }

    @Test func crlfLineEndingsAreNotShown() {
        #expect(rendered("SELECT 1,\r\n  +\r\nFROM") == "line 3, column 1: expected an expression after '+', found the keyword FROM\nFROM\n^")
        #expect(rendered("SELECT (1\r\n") == "line 1, column 10: expected ')' after '1'\nSELECT (1\n         ^")
    }

    @Test func longLinesAreCutAroundTheSpot() {
        let sql = "SELECT " + String(repeating: "a + ", count: 100) + "FROM t"
        let lines = rendered(sql).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("...") && lines[1].count <= SQLError.maximumShownLineWidth + 6)
        let caret = lines[2].count - 1
        let shown = Array(lines[1])
        #expect(String(shown[caret..<(caret + 4)]) == "FROM")
    }

    @Test func renderNeverFailsOnForeignSource() {
        let error = SQLError(code: .syntax, message: "m", range: SourceRange(50, 60), location: SourceLocation(line: 9, column: 9))
        #expect(error.render(source: "short") == "line 9, column 9: m\nshort\n     ^")
        #expect(error.render(source: "") == "line 9, column 9: m\n\n^")
    }
}
