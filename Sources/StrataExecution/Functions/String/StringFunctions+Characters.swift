// String functions about single characters and encodings: concat_ws, chr, codepoint, translate, to_utf8,
// from_utf8.
import StrataCore
import StrataPlanner

extension StringFunctions {
    static func callCharacters(_ function: ScalarFunction, _ arguments: [Column], resultType: DataType, context: KernelContext) throws -> Column {
        if function == .concatWs { return try concatWs(arguments, context: context) }
        return try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            switch function {
            case .chr:
                let codes = a[0].fixed(Int64.self)
                var result = StringResult(count: count, validity: validity)
                var bytes: [UInt8] = []
                for row in 0..<count {
                    let code = codes[row]
                    guard result.validity.isValid(row), code >= 0, code <= 0x10FFFF, Unicode.Scalar(UInt32(code)) != nil else {
                        if result.validity.isValid(row) {
                            try context.fail(row, ExecutionError(.invalidArgument, "Not a valid Unicode code point: \(code)"))
                        }
                        result.appendNull()
                        continue
                    }
                    bytes.removeAll(keepingCapacity: true)
                    UTF8Text.encode(UInt32(code), into: &bytes)
                    bytes.withUnsafeBufferPointer { result.append($0) }
                }
                return result.finish()
            case .codepoint:
                let text = a[0].strings()
                var result = FixedResult<Int32>(.integer, count: count, validity: validity)
                for row in 0..<count {
                    result[row] = 0
                    guard result.validity.isValid(row) else { continue }
                    let value = text[row]
                    guard !value.isEmpty, UTF8Text.decode(value, at: 0).next == value.count else {
                        try context.fail(row, ExecutionError(.invalidArgument, "Input string must be a single character string"))
                        result.validity.setNull(row)
                        continue
                    }
                    result[row] = Int32(UTF8Text.decode(value, at: 0).scalar)
                }
                return result.finish()
            case .translate:
                return translate(a, count, validity)
            case .toUTF8:
                guard case .variableWidth(let offsets, let bytes) = a[0].column.storage else {
                    throw ExecutionError(.internal, "varchar stored as \(a[0].column.storage)")
                }
                return Column(type: .varbinary, count: count, offsets: offsets, bytes: bytes, validity: validity.bitmap)
            case .fromUTF8:
                // Invalid sequences become U+FFFD, as Trino does.
                let bytes = a[0].strings()
                var result = StringResult(count: count, validity: validity)
                for row in 0..<count {
                    let value = bytes[row]
                    if UTF8Text.isValid(value) {
                        result.append(value)
                    } else {
                        result.append(String(decoding: value, as: UTF8.self))
                    }
                }
                return result.finish()
            default:
                throw ExecutionError(.internal, "\(function.rawValue) is not a character function")
            }
        }
    }

    /// concat_ws(separator, s1, s2, ...): NULL only when the separator is; NULL strings are skipped.
    private static func concatWs(_ arguments: [Column], context: KernelContext) throws -> Column {
        let count = context.scope.count
        if arguments[0].isConstantNull { return Column.nulls(.varchar, count: count) }
        let separator = KernelArgument(arguments[0])
        let parts = arguments.dropFirst().filter { !$0.isConstantNull }.map(KernelArgument.init)
        var result = StringResult(count: count, validity: ResultValidity(separator.validity, count: count))
        let separators = separator.strings()
        let readers = parts.map { $0.strings() }
        for row in 0..<count {
            guard result.validity.isValid(row) else {
                result.appendNull()
                continue
            }
            var first = true
            for (index, part) in parts.enumerated() {
                if let validity = part.validity, !validity.isSet(row) { continue }
                if !first { result.appendPart(separators[row]) }
                result.appendPart(readers[index][row])
                first = false
            }
            result.endRow()
        }
        return result.finish()
    }

    /// Characters of `from` replaced by the character at the same position in `to`, or removed when
    /// `to` is shorter; the first occurrence in `from` wins.
    private static func translate(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a[0].strings()
        let sources = a[1].strings()
        let targets = a[2].strings()
        var result = StringResult(count: count, validity: validity)
        var mapping: [UInt32: UInt32?] = [:]
        var bytes: [UInt8] = []
        for row in 0..<count {
            if row == 0 || !(a[1].isConstant && a[2].isConstant) {
                mapping.removeAll(keepingCapacity: true)
                let to = scalars(targets[row])
                for (index, scalar) in scalars(sources[row]).enumerated() where mapping[scalar] == nil {
                    mapping[scalar] = index < to.count ? .some(to[index]) : .some(nil)
                }
            }
            bytes.removeAll(keepingCapacity: true)
            for scalar in scalars(text[row]) {
                if let replacement = mapping[scalar] {
                    if let replacement { UTF8Text.encode(replacement, into: &bytes) }
                } else {
                    UTF8Text.encode(scalar, into: &bytes)
                }
            }
            bytes.withUnsafeBufferPointer { result.append($0) }
        }
        return result.finish()
    }

    static func scalars(_ text: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.count)
        var offset = 0
        while offset < text.count {
            let (scalar, next) = UTF8Text.decode(text, at: offset)
            scalars.append(scalar)
            offset = next
        }
        return scalars
    }
}
