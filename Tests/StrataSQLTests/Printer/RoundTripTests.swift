// parse(print(ast)) == ast for every statement of the corpus, in both layouts, and printing is stable:
// printing the reparsed AST gives the same text.
import Testing
@testable import StrataSQL

@Suite struct RoundTripTests {
    @Test(arguments: ExampleCorpus.files)
    func corpusRoundTrips(file: String) throws {
        for statement in try ExampleCorpus.statements(in: file) {
            for layout in [SQLPrinter.Layout.multiLine, .singleLine] {
                let printed = SQLPrinter(layout: layout).print(statement)
                let reparsed: Statement
                do {
                    reparsed = try SQLParser.parseStatement(printed)
                } catch {
                    Issue.record("\(file): printed SQL does not parse:\n\(error.render(source: printed))")
                    continue
                }
                #expect(reparsed == statement, "\(file): round trip changed the statement:\n\(printed)")
                #expect(SQLPrinter(layout: layout).print(reparsed) == printed)
            }
        }
    }
}
