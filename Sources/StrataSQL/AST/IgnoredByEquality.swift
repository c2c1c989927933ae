// Source ranges ride along on every AST node but are not part of what a node says: `a + b` in the select
// list equals `a + b` in GROUP BY, and `parse(print(ast)) == ast` holds although the printed text differs in
// layout. Wrapping the range in this property wrapper keeps synthesized `==`/`hash` blind to it.

@propertyWrapper
public struct IgnoredByEquality<Value: Sendable>: Hashable, Sendable {
    public var wrappedValue: Value

    @inlinable
    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { true }

    @inlinable
    public func hash(into hasher: inout Hasher) {}
}
