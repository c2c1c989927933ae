// grammar/keywords.txt and the Keyword enum list the same words with the same reserved marks.
import Foundation
import Testing
@testable import StrataSQL

@Suite struct KeywordTests {
    @Test func keywordsFileMatchesTheEnum() throws {
        let text = try String(contentsOf: ExampleCorpus.grammarDirectory.appendingPathComponent("keywords.txt"), encoding: .utf8)
        var listed: [String: Bool] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            let fields = line.split(separator: " ")
            #expect(fields.count <= 2 && (fields.count == 1 || fields[1] == "reserved"), "bad line: \(line)")
            #expect(listed[String(fields[0])] == nil, "listed twice: \(fields[0])")
            listed[String(fields[0])] = fields.count == 2
        }
        for keyword in Keyword.allCases {
            #expect(listed[keyword.rawValue] == keyword.isReserved, "\(keyword.rawValue) in keywords.txt")
        }
        #expect(listed.count == Keyword.allCases.count)
    }

    @Test func reservedKeywordsAreTrinos() {
        let reserved = Set(Keyword.allCases.filter(\.isReserved).map(\.rawValue))
        for word in ["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "CASE", "CAST", "EXTRACT", "TABLE", "VALUES", "WITH", "JOIN", "ON", "USING"] {
            #expect(reserved.contains(word), "\(word)")
        }
        for word in ["DATE", "TIMESTAMP", "INTERVAL", "YEAR", "LIMIT", "OFFSET", "LOCATION", "FORMAT", "DATA", "FIRST", "FILTER", "OVER", "ROW"] {
            #expect(!reserved.contains(word), "\(word)")
        }
    }

    @Test func clauseKeywordsEndImplicitAliases() {
        for keyword in [Keyword.limit, .offset, .fetch, .window, .from, .where, .join, .on] {
            #expect(keyword.endsImplicitAlias)
        }
        for keyword in [Keyword.date, .year, .data, .location, .first] {
            #expect(!keyword.endsImplicitAlias)
        }
    }
}
