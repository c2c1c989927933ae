// Suggestions only for plausible typos.
import Testing
@testable import StrataSQL

@Suite struct KeywordSuggesterTests {
    let statements = ["SELECT", "CREATE", "INSERT", "DROP", "SHOW", "DESCRIBE", "WITH"]

    @Test func nearMissesAreSuggested() {
        #expect(KeywordSuggester.suggestion(for: "SELEC", among: statements) == "SELECT")
        #expect(KeywordSuggester.suggestion(for: "selcet", among: statements) == "SELECT")
        #expect(KeywordSuggester.suggestion(for: "SLECT", among: statements) == "SELECT")
        #expect(KeywordSuggester.suggestion(for: "creat", among: statements) == "CREATE")
        #expect(KeywordSuggester.suggestion(for: "DESCIRBE", among: statements) == "DESCRIBE")
        #expect(KeywordSuggester.suggestion(for: "FORM", among: ["FROM"]) == "FROM")
    }

    @Test func farWordsShortWordsAndExactMatchesAreNot() {
        #expect(KeywordSuggester.suggestion(for: "banana", among: statements) == nil)
        #expect(KeywordSuggester.suggestion(for: "WI", among: statements) == nil)
        #expect(KeywordSuggester.suggestion(for: "SELECT", among: statements) == nil)
        #expect(KeywordSuggester.suggestion(for: "SEL", among: statements) == nil)
        #expect(KeywordSuggester.suggestion(for: String(repeating: "x", count: 100), among: statements) == nil)
    }

    @Test func editDistance() {
        func distance(_ a: String, _ b: String) -> Int { KeywordSuggester.editDistance(Array(a.utf8), Array(b.utf8)) }
        #expect(distance("", "") == 0)
        #expect(distance("abc", "") == 3)
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("FROM", "FORM") == 1)
        #expect(distance("WHERE", "WHERE") == 0)
    }
}
