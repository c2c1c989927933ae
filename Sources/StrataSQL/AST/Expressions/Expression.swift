// Scalar expressions: a kind (the closed set of forms below) and the range of text it was parsed from.
// Parentheses leave no node; the printer puts them back where precedence needs them.

public struct Expression: Hashable, Sendable {
    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        /// `NULL`, `TRUE`, `42`, `4.20`, `1e3`, `'text'`, `X'FF'`.
        case literal(Literal)
        /// `DATE '2024-01-31'`, `TIMESTAMP '2024-01-31 12:00:00'`, `DECIMAL '1.5'`: a type name and the
        /// string as written (quotes removed).
        case typedLiteral(TypeName, value: String)
        /// `INTERVAL '2' DAY`, `INTERVAL '1:30' HOUR TO MINUTE`.
        case interval(IntervalLiteral)
        /// `CURRENT_DATE`, `CURRENT_TIMESTAMP(3)`, `LOCALTIME` ...: the forms written without parentheses.
        case currentDateTime(CurrentDateTime, precision: Int?)
        /// A column or a qualified column: `amount`, `e.amount`, `silver.events.amount`.
        case column(QualifiedName)

        /// `-x`, `+x`, `NOT x`.
        case unary(UnaryOperator, Expression)
        /// Arithmetic, `||`, comparisons, `AND`, `OR`.
        case binary(BinaryOperator, Expression, Expression)
        /// `x IS NULL`, `x IS NOT NULL`.
        case isNull(Expression, negated: Bool)
        /// `x IS DISTINCT FROM y`, `x IS NOT DISTINCT FROM y`.
        case isDistinctFrom(Expression, Expression, negated: Bool)
        /// `x [NOT] BETWEEN low AND high`.
        case between(Expression, low: Expression, high: Expression, negated: Bool)
        /// `x [NOT] IN (a, b, ...)`.
        case inList(Expression, [Expression], negated: Bool)
        /// `x [NOT] IN (SELECT ...)`.
        case inSubquery(Expression, Query, negated: Bool)
        /// `x [NOT] LIKE pattern [ESCAPE e]`.
        case like(Expression, pattern: Expression, escape: Expression?, negated: Bool)
        /// `x = ANY (SELECT ...)`, `x > ALL (SELECT ...)`.
        case quantifiedComparison(BinaryOperator, ComparisonQuantifier, Expression, Query)
        /// `EXISTS (SELECT ...)`; `NOT EXISTS` is `NOT` around it.
        case exists(Query)
        /// A scalar subquery `(SELECT ...)`.
        case subquery(Query)

        /// A scalar, aggregate or window function call.
        case function(FunctionCall)
        /// `CAST(x AS type)`; `isTry` for `TRY_CAST`.
        case cast(Expression, TypeName, isTry: Bool)
        /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
        case caseWhen(CaseExpression)
        /// `EXTRACT(field FROM x)`.
        case extract(ExtractField, Expression)
        /// `x AT TIME ZONE zone`.
        case atTimeZone(Expression, zone: Expression)
        /// `ARRAY[a, b, ...]`.
        case array([Expression])
        /// `x[i]`.
        case `subscript`(Expression, index: Expression)
        /// `(a, b, ...)`: a row of two or more values, as in `(a, b) IN (SELECT x, y ...)`.
        case row([Expression])
    }
}
