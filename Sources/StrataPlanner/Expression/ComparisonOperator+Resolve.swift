// The type rules of comparisons: both operands meet at their common supertype, which must be orderable
// for `<`, `<=`, `>`, `>=`.
import StrataCore

extension ComparisonOperator {
    /// The type both operands of `lhs op rhs` are cast to before comparing, or an error when the two types
    /// do not meet (Trino's "cannot be applied to" error).
    public static func resolve(_ op: ComparisonOperator, _ lhs: DataType, _ rhs: DataType) throws(PlanError) -> DataType {
        guard let common = TypeCoercion.commonSupertype(lhs, rhs) else {
            throw PlanError("'\(op.rawValue)' cannot be applied to \(lhs), \(rhs)")
        }
        switch op {
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard TypeCoercion.isOrderable(common) else {
                throw PlanError("'\(op.rawValue)' cannot be applied to \(lhs), \(rhs)")
            }
        default:
            break
        }
        return common
    }
}
