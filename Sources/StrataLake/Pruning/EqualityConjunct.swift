// A conjunct that holds only where a column equals one of a few values — `x = v`, `x IN (v1, v2)`,
// `x = v1 OR x = v2` — which a bloom filter or a dictionary page can rule out for a whole row group when
// statistics cannot: the needle in the haystack.
import StrataCore
import StrataPlanner

struct EqualityConjunct {
    /// The table column compared.
    let column: Int
    /// The values it is compared with (never NULL), of `valueType`.
    let values: [Value]
    /// The type the comparison is made in: the column's, or the wider type a cast makes it.
    let valueType: DataType
    /// The conjunct itself, over table columns.
    let conjunct: BoundExpression

    /// The equality conjuncts among `filters` on data columns (positions below `partitionStart`).
    static func find(in filters: [BoundExpression], partitionStart: Int) -> [EqualityConjunct] {
        filters.compactMap { filter in
            guard let (column, values, type) = match(filter), column < partitionStart, !values.isEmpty else { return nil }
            return EqualityConjunct(column: column, values: values, valueType: type, conjunct: filter)
        }
    }

    private static func match(_ expression: BoundExpression) -> (Int, [Value], DataType)? {
        switch expression {
        case .comparison(let op, let lhs, let rhs) where op == .equal || op == .isNotDistinctFrom:
            if let column = column(lhs), case .literal(let value, let type) = rhs, !value.isNull { return (column, [value], type) }
            if let column = column(rhs), case .literal(let value, let type) = lhs, !value.isNull { return (column, [value], type) }
            return nil
        case .inList(let operand, let list, false):
            guard let column = column(operand) else { return nil }
            var values: [Value] = []
            for item in list {
                guard case .literal(let value, _) = item else { return nil }
                if !value.isNull { values.append(value) }
            }
            return (column, values, operand.type)
        case .or(let operands):
            var column: Int?
            var values: [Value] = []
            var type: DataType?
            for operand in operands {
                guard let (next, more, moreType) = match(operand), column == nil || column == next, type == nil || type == moreType else {
                    return nil
                }
                column = next
                type = moreType
                values += more
            }
            guard let column, let type else { return nil }
            return (column, values, type)
        default:
            return nil
        }
    }

    /// The column an operand reads: bare or widened by a cast that keeps every value distinct.
    private static func column(_ expression: BoundExpression) -> Int? {
        switch expression {
        case .column(let index, _):
            return index
        case .cast(.column(let index, let source), let target, _):
            let integers: [DataType] = [.tinyint, .smallint, .integer, .bigint]
            if let from = integers.firstIndex(of: source), let to = integers.firstIndex(of: target), to >= from { return index }
            switch (source, target) {
            case (.real, .double), (.date, .timestamp): return index
            // Every 32-bit integer is a distinct DOUBLE (wider ones are not).
            case (.tinyint, .double), (.smallint, .double), (.integer, .double): return index
            case (.decimal(let p1, let s1), .decimal(let p2, let s2)) where s2 >= s1 && p2 - s2 >= p1 - s1: return index
            default: return nil
            }
        default:
            return nil
        }
    }
}
