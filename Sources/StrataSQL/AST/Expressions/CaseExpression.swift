// `CASE [operand] WHEN a THEN x ... [ELSE y] END`: simple when `operand` is present, searched otherwise.

public struct CaseExpression: Hashable, Sendable {
    public struct WhenClause: Hashable, Sendable {
        public var condition: Expression
        public var result: Expression

        public init(condition: Expression, result: Expression) {
            self.condition = condition
            self.result = result
        }
    }

    public var operand: Expression?
    /// At least one.
    public var whenClauses: [WhenClause]
    public var elseResult: Expression?

    public init(operand: Expression?, whenClauses: [WhenClause], elseResult: Expression?) {
        self.operand = operand
        self.whenClauses = whenClauses
        self.elseResult = elseResult
    }
}
