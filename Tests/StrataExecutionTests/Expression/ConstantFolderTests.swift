import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct ConstantFolderTests {
    let x = BoundExpression.column(0, .integer)
    func int(_ value: Int64) -> BoundExpression { .literal(.integer(value), .integer) }

    @Test func foldsLiteralSubtrees() {
        let sum = BoundExpression.arithmetic(.add, int(1), int(2), .integer)
        #expect(ConstantFolder.fold(sum) == int(3))
        let nested = BoundExpression.comparison(.greater, x, .arithmetic(.multiply, sum, int(2), .integer))
        #expect(ConstantFolder.fold(nested) == .comparison(.greater, x, int(6)))
        let upper = BoundExpression.call(.upper, [.literal(.varchar("abc"), .varchar)], .varchar)
        #expect(ConstantFolder.fold(upper) == .literal(.varchar("ABC"), .varchar))
        let cast = BoundExpression.cast(.literal(.varchar("2024-01-02"), .varchar), to: .date, isTry: false)
        #expect(ConstantFolder.fold(cast) == .literal(.date(19724), .date))
    }

    @Test func keepsFailuresAndNondeterminism() {
        let division = BoundExpression.arithmetic(.divide, int(1), int(0), .integer)
        #expect(ConstantFolder.fold(division) == division)
        #expect(ConstantFolder.fold(.tryExpression(division)) == .literal(.null, .integer))
        let random = BoundExpression.call(.random, [], .double)
        #expect(ConstantFolder.fold(random) == random)
        let now = BoundExpression.call(.currentTimestamp, [], .timestamp)
        #expect(ConstantFolder.fold(now) == now)
        #expect(ConstantFolder.fold(now, context: Harness.context) == .literal(.timestamp(Harness.context.statementTimestamp), .timestamp))
        #expect(!BoundExpression.arithmetic(.add, random, .literal(.double(1), .double), .double).isDeterministic)
    }

    @Test func simplifiesLazyForms() {
        let never = BoundExpression.caseWhen(
            [CaseBranch(condition: .literal(.boolean(false), .boolean), result: .arithmetic(.divide, int(1), int(0), .integer))],
            otherwise: nil, .integer)
        #expect(ConstantFolder.fold(never) == .literal(.null, .integer))
        let always = BoundExpression.caseWhen(
            [CaseBranch(condition: .comparison(.equal, int(1), int(1)), result: x)], otherwise: int(0), .integer)
        #expect(ConstantFolder.fold(always) == x)
        let positive = BoundExpression.comparison(.greater, x, int(0))
        #expect(ConstantFolder.fold(.and([.literal(.boolean(true), .boolean), positive])) == positive)
        #expect(ConstantFolder.fold(.and([positive, .literal(.boolean(false), .boolean)])) == .literal(.boolean(false), .boolean))
        #expect(ConstantFolder.fold(.or([positive, .comparison(.less, int(1), int(2))])) == .literal(.boolean(true), .boolean))
        #expect(ConstantFolder.fold(.coalesce([.literal(.null, .integer), x, int(3)], .integer)) == .coalesce([x, int(3)], .integer))
        #expect(ConstantFolder.fold(.coalesce([.literal(.null, .integer), int(5), x], .integer)) == int(5))
    }
}
