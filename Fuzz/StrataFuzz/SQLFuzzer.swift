// The SQL lexer and parser on any bytes. A failure is an SQLError whose range lies inside the text and
// whose caret rendering works; a script that parses prints (in both dialects and layouts) as SQL that
// parses again and prints the same: the printer's promise that Strata reads its output back.
import StrataSQL

enum SQLFuzzer: FuzzTarget {
    static let name = "sql"

    static func run(_ input: UnsafeRawBufferPointer) {
        let tokens = SQLLexer.tokenize(input.bindMemory(to: UInt8.self))
        precondition(tokens.last?.kind == .endOfInput, "the token list does not end with the end of the input")
        let text = String(decoding: input, as: UTF8.self)
        _ = SQLParser.isCompleteInput(text)
        _ = try? SQLParser.parseExpression(text)
        _ = try? SQLParser.parseType(text)
        let statements: [Statement]
        do {
            statements = try SQLParser.parse(text)
        } catch {
            let length = text.utf8.count
            precondition(error.range.lowerBound >= 0 && error.range.upperBound <= length, "error range \(error.range) outside \(length) bytes")
            precondition(error.location.line >= 1 && error.location.column >= 1, "error at \(error.location)")
            _ = error.render(source: text)
            return
        }
        for layout in [SQLPrinter.Layout.multiLine, .singleLine] {
            _ = SQLPrinter(layout: layout, dialect: .spark).print(statements)
            let printer = SQLPrinter(layout: layout)
            let printed = printer.print(statements)
            let reparsed: [Statement]
            do {
                reparsed = try SQLParser.parse(printed)
            } catch {
                preconditionFailure("printed SQL does not parse: \(error)\n--- input\n\(text)\n--- printed\n\(printed)")
            }
            let again = printer.print(reparsed)
            precondition(again == printed, "printed SQL changes when parsed and printed again:\n\(printed)\n--- became\n\(again)")
        }
    }
}
