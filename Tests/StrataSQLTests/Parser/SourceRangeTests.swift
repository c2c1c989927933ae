// Every node's range holds exactly the text it was parsed from: across the whole corpus, each expression,
// query, FROM item and type reparses from its range to an equal node, and each name's range spells it.
import Testing
@testable import StrataSQL

@Suite struct SourceRangeTests {
    @Test(arguments: ExampleCorpus.files)
    func everyRangeHoldsItsNode(file: String) throws {
        let text = try ExampleCorpus.text(of: file)
        for statement in try ExampleCorpus.statements(in: file) {
            let nodes = ASTNodes(statement)
            for expression in nodes.expressions {
                let slice = expression.range.text(in: text)
                #expect((try? SQLParser.parseExpression(slice)) == expression, "\(file): expression range \(expression.range) holds '\(slice)'")
            }
            for query in nodes.queries {
                let slice = query.range.text(in: text)
                #expect((try? SQLParser.parseQuery(slice)) == query, "\(file): query range holds '\(slice)'")
            }
            for relation in nodes.relations {
                let slice = relation.range.text(in: text)
                let reparsed = try? SQLParser.parseQuery("SELECT * FROM " + slice)
                guard case .select(let select)? = reparsed?.body.kind else {
                    Issue.record("\(file): relation range holds '\(slice)'")
                    continue
                }
                #expect(select.from == [relation], "\(file): relation range holds '\(slice)'")
            }
            for type in nodes.types {
                let slice = type.range.text(in: text)
                #expect((try? SQLParser.parseType(slice)) == type, "\(file): type range holds '\(slice)'")
            }
            for identifier in nodes.identifiers where !identifier.isQuoted {
                #expect(identifier.range.text(in: text).lowercased() == identifier.value, "\(file): name range")
            }
        }
    }

    @Test func specificRanges() throws {
        let text = "SELECT e.amount * 2 AS doubled, sum(x) OVER (PARTITION BY k) FROM silver.events AS e WHERE (a OR b) AND c"
        let query = try SQLParser.parseQuery(text)
        guard case .select(let select) = query.body.kind else { throw Failure("not a select") }
        #expect(select.items[0].range.text(in: text) == "e.amount * 2 AS doubled")
        guard case .expression(let product, _) = select.items[0].kind, case .binary(_, let column, _) = product.kind,
            case .column(let name) = column.kind
        else { throw Failure("shape") }
        #expect(product.range.text(in: text) == "e.amount * 2")
        #expect(name.parts.map { $0.range.text(in: text) } == ["e", "amount"])
        #expect(name.range.text(in: text) == "e.amount")
        guard case .expression(let window, _) = select.items[1].kind, case .function(let call) = window.kind,
            case .specification(let specification) = call.window
        else { throw Failure("shape") }
        #expect(window.range.text(in: text) == "sum(x) OVER (PARTITION BY k)")
        #expect(specification.range.text(in: text) == "(PARTITION BY k)")
        #expect(select.from[0].range.text(in: text) == "silver.events AS e")
        #expect(select.where?.range.text(in: text) == "(a OR b) AND c")
        #expect(select.range.text(in: text) == text)
    }
}
