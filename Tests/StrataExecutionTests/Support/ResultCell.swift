// One value of a result row, in a form both our batches and DuckDB's JSON turn into, compared with a
// tolerance for floating point.
import Foundation
import StrataCore

enum ResultCell: CustomStringConvertible {
    case null
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    /// Decimals, dates, timestamps, strings: compared as text.
    case text(String)

    /// A cell as the oracle script writes it: null, or an object tagging the value's kind.
    init(json: Any) {
        guard let object = json as? [String: Any] else {
            self = .null
            return
        }
        if let flag = object["b"] as? Bool {
            self = .boolean(flag)
        } else if let text = object["i"] as? String, let value = Int64(text) {
            self = .integer(value)
        } else if let text = object["i"] as? String {
            self = .text(text)
        } else if let text = object["f"] as? String {
            switch text {
            case "nan": self = .number(.nan)
            case "inf": self = .number(.infinity)
            case "-inf": self = .number(-.infinity)
            default: self = .number(Double(text) ?? .nan)
            }
        } else {
            self = .text(object["t"] as? String ?? "\(object)")
        }
    }

    init(_ value: Value, type: DataType) {
        switch value {
        case .null: self = .null
        case .boolean(let v): self = .boolean(v)
        case .integer(let v): self = .integer(v)
        case .real(let v): self = .number(Double(v))
        case .double(let v): self = .number(v)
        default: self = .text(ValueFormatter.text(value, type: type) ?? "")
        }
    }

    var description: String {
        switch self {
        case .null: return "NULL"
        case .boolean(let v): return "\(v)"
        case .integer(let v): return "\(v)"
        case .number(let v): return "\(v)"
        case .text(let v): return "'\(v)'"
        }
    }

    /// Equal, numbers within `tolerance` relative (absolute near zero).
    func matches(_ other: ResultCell, tolerance: Double) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.text(let a), .text(let b)): return a == b
        default:
            guard let a = numeric, let b = other.numeric else { return false }
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
            if a == b { return true }
            return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
        }
    }

    var numeric: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .number(let v): return v
        case .text(let v): return Double(v)
        default: return nil
        }
    }

    /// A total order for sorting rows before an order-insensitive comparison.
    static func order(_ a: ResultCell, _ b: ResultCell) -> Int {
        func rank(_ cell: ResultCell) -> Int {
            switch cell {
            case .null: return 0
            case .boolean: return 1
            case .integer, .number: return 2
            case .text: return 3
            }
        }
        if rank(a) != rank(b) { return rank(a) - rank(b) }
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.text(let x), .text(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        default:
            let x = a.numeric ?? 0
            let y = b.numeric ?? 0
            if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

enum Results {
    /// The rows of `batches` as cells.
    static func rows(_ batches: [Batch], types: [DataType]) -> [[ResultCell]] {
        var rows: [[ResultCell]] = []
        for batch in batches {
            for row in 0..<batch.count {
                rows.append(batch.columns.enumerated().map { ResultCell($0.element.value(at: row), type: types[$0.offset]) })
            }
        }
        return rows
    }

    static func sorted(_ rows: [[ResultCell]]) -> [[ResultCell]] {
        rows.sorted { a, b in
            for (x, y) in zip(a, b) {
                let order = ResultCell.order(x, y)
                if order != 0 { return order < 0 }
            }
            return false
        }
    }

    /// nil when `actual` matches `expected` (in order, or as multisets when `ordered` is false), else a
    /// description of the first difference.
    static func difference(
        _ actual: [[ResultCell]], _ expected: [[ResultCell]], ordered: Bool = false, tolerance: Double = 1e-9
    ) -> String? {
        let left = ordered ? actual : sorted(actual)
        let right = ordered ? expected : sorted(expected)
        if left.count != right.count {
            return "\(left.count) rows, expected \(right.count); first rows \(left.prefix(3)) vs \(right.prefix(3))"
        }
        for (index, (a, b)) in zip(left, right).enumerated() {
            guard a.count == b.count, zip(a, b).allSatisfy({ $0.matches($1, tolerance: tolerance) }) else {
                return "row \(index): \(a) expected \(b)"
            }
        }
        return nil
    }
}
