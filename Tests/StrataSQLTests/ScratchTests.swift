import Testing
import Foundation
@testable import StrataSQL

@Suite struct ScratchTests {
    @Test func scratch() throws {
        let path = ProcessInfo.processInfo.environment["SCRATCH_SQL"] ?? "/tmp/scratch.sql"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        do {
            for statement in try SQLParser.parse(text) {
                print(SQLPrinter().print(statement))
                print("----")
            }
        } catch {
            print(error.render(source: text))
        }
    }
}
