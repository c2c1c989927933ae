// Every example in grammar/examples parses, the corpus is as large as promised, and every statement's
// range holds exactly that statement.
import Foundation
import Testing
@testable import StrataSQL

@Suite struct ExampleCorpusTests {
    @Test(arguments: ExampleCorpus.files)
    func exampleParses(file: String) throws {
        let statements = try ExampleCorpus.statements(in: file)
        #expect(!statements.isEmpty, "\(file) holds no statement")
    }

    @Test func corpusHoldsAtLeast300StatementsIncludingTPCH() throws {
        var total = 0
        var tpch = 0
        for file in ExampleCorpus.files {
            let count = try ExampleCorpus.statements(in: file).count
            total += count
            if file.hasPrefix("tpch/") { tpch += count }
        }
        #expect(total >= 300, "the corpus holds \(total) statements")
        #expect(tpch == 22)
    }

    @Test(arguments: ExampleCorpus.files)
    func statementRangesHoldTheirStatement(file: String) throws {
        let text = try ExampleCorpus.text(of: file)
        for statement in try ExampleCorpus.statements(in: file) {
            let slice = statement.range.text(in: text)
            #expect(!slice.hasSuffix(";"))
            let alone = try SQLParser.parseStatement(slice)
            #expect(alone == statement, "range \(statement.range) of \(file) does not hold its statement")
        }
    }
}
