// json_extract, json_extract_scalar and json_array_length over JSON held as VARCHAR. Malformed JSON gives
// NULL (as in Trino); a malformed path is an error.
import StrataCore
import StrataPlanner

enum JSONFunctions {
    static func call(_ function: ScalarFunction, _ arguments: [Column], resultType: DataType, context: KernelContext) throws -> Column {
        var constantPath: JSONPath?
        if arguments.count > 1, arguments[1].isConstant, case .varchar(var text) = arguments[1].value(at: 0) {
            constantPath = try text.withUTF8 { try JSONPath($0) }
        }
        return try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            let documents = a[0].strings()
            if function == .jsonArrayLength {
                var result = FixedResult<Int64>(.bigint, count: count, validity: validity)
                for row in 0..<count {
                    result[row] = 0
                    guard result.validity.isValid(row) else { continue }
                    if let length = arrayLength(documents[row]) {
                        result[row] = Int64(length)
                    } else {
                        result.validity.setNull(row)
                    }
                }
                return result.finish()
            }
            let paths = a[1].strings()
            var result = StringResult(count: count, validity: validity)
            for row in 0..<count {
                guard result.validity.isValid(row) else {
                    result.appendNull()
                    continue
                }
                let path: JSONPath
                if let constantPath {
                    path = constantPath
                } else {
                    do {
                        path = try JSONPath(paths[row])
                    } catch let error as ExecutionError {
                        try context.fail(row, error)
                        result.appendNull()
                        continue
                    }
                }
                let document = documents[row]
                guard let range = path.locate(in: document) else {
                    result.appendNull()
                    continue
                }
                let value = UnsafeBufferPointer(rebasing: document[range])
                if function == .jsonExtractScalar {
                    appendScalar(value, &result)
                } else {
                    appendCompact(value, &result)
                }
            }
            return result.finish()
        }
    }

    /// A string's unescaped text, a number's or boolean's literal text; NULL for null, objects and arrays.
    private static func appendScalar(_ value: UnsafeBufferPointer<UInt8>, _ result: inout StringResult) {
        guard let first = value.first else {
            result.appendNull()
            return
        }
        switch first {
        case UInt8(ascii: "\""):
            var scanner = JSONScanner(value)
            guard let text = scanner.string() else {
                result.appendNull()
                return
            }
            text.withUnsafeBufferPointer { result.append($0) }
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "n"):
            result.appendNull()
        default:
            result.append(value)
        }
    }

    /// The JSON text of the value without whitespace between tokens.
    private static func appendCompact(_ value: UnsafeBufferPointer<UInt8>, _ result: inout StringResult) {
        var inString = false
        var escaped = false
        var start = 0
        for (index, byte) in value.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                result.appendPart(UnsafeBufferPointer(rebasing: value[start..<index]))
                start = index + 1
            }
        }
        result.appendPart(UnsafeBufferPointer(rebasing: value[start...]))
        result.endRow()
    }

    /// The number of elements of a JSON array, or nil when the text is not one.
    private static func arrayLength(_ document: UnsafeBufferPointer<UInt8>) -> Int? {
        var scanner = JSONScanner(document)
        scanner.skipWhitespace()
        guard scanner.consume(UInt8(ascii: "[")) else { return nil }
        scanner.skipWhitespace()
        if scanner.consume(UInt8(ascii: "]")) { return 0 }
        var length = 0
        while true {
            guard scanner.skipValue() else { return nil }
            length += 1
            scanner.skipWhitespace()
            if scanner.consume(UInt8(ascii: "]")) { return length }
            guard scanner.consume(UInt8(ascii: ",")) else { return nil }
        }
    }
}
