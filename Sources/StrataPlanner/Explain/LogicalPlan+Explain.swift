// The logical plan as an indented tree, one node per line, for EXPLAIN.

extension LogicalPlan {
    /// The plan as text: each node on its own line, its inputs indented below it.
    public func explain() -> String {
        var lines: [String] = []
        appendLines(into: &lines, depth: 0)
        return lines.joined(separator: "\n")
    }

    private func appendLines(into lines: inout [String], depth: Int) {
        lines.append(String(repeating: "  ", count: depth) + nodeText)
        for child in children { child.appendLines(into: &lines, depth: depth + 1) }
    }

    /// One line describing this node, with its expressions written over its input's column names.
    public var nodeText: String {
        let inputNames = children.first?.schema.map(\.name) ?? []
        switch self {
        case .scan(let scan):
            let names = scan.table.columns.map(\.name)
            var text = "Scan \(scan.table.name) columns=[" + scan.columns.map { names[$0] }.joined(separator: ", ") + "]"
            if !scan.filters.isEmpty { text += " filters=[" + scan.filters.map { $0.text(names) }.joined(separator: ", ") + "]" }
            if let limit = scan.limit { text += " limit=\(limit)" }
            return text
        case .values(let rows, let schema):
            return "Values rows=\(rows.count) columns=[" + schema.map(\.name).joined(separator: ", ") + "]"
        case .filter(_, let predicate):
            return "Filter " + predicate.text(inputNames)
        case .project(_, let expressions, let names):
            return "Project [" + zip(expressions, names).map { expression, name in
                let text = expression.text(inputNames)
                return text == name ? text : "\(text) AS \(name)"
            }.joined(separator: ", ") + "]"
        case .aggregate(_, let groupBy, let aggregates, _):
            return "Aggregate group=[" + groupBy.map { $0.text(inputNames) }.joined(separator: ", ") + "] aggregates=["
                + aggregates.map { $0.text(inputNames) }.joined(separator: ", ") + "]"
        case .join(let left, let right, let kind, let condition):
            let names = left.schema.map(\.name) + right.schema.map(\.name)
            return "Join \(kind.rawValue)" + (condition.map { " on " + $0.text(names) } ?? "")
        case .window(_, let calls, let names):
            return "Window [" + zip(calls, names).map { call, name in
                "\(name) := \(call.function)(" + call.arguments.map { $0.text(inputNames) }.joined(separator: ", ") + ")"
            }.joined(separator: ", ") + "]"
        case .sort(_, let keys):
            return "Sort [" + keys.map { $0.text(inputNames) }.joined(separator: ", ") + "]"
        case .limit(_, let limit, let offset):
            return "Limit " + (limit.map(String.init) ?? "ALL") + (offset > 0 ? " offset \(offset)" : "")
        case .topN(_, let keys, let limit, let offset):
            return "TopN \(limit)" + (offset > 0 ? " offset \(offset)" : "") + " ["
                + keys.map { $0.text(inputNames) }.joined(separator: ", ") + "]"
        case .setOperation(let kind, let all, _, _):
            return kind.rawValue.capitalized + (all ? " all" : "")
        case .rename(_, let names):
            return "Rename [" + names.joined(separator: ", ") + "]"
        case .enforceSingleRow:
            return "EnforceSingleRow"
        }
    }
}

extension String {
    fileprivate var capitalized: String { prefix(1).uppercased() + dropFirst() }
}
