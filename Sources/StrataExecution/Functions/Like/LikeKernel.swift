// `x LIKE pattern [ESCAPE e]`: a constant pattern is compiled once (and cached by the evaluator); a pattern
// that varies by row is compiled when it changes.
import StrataCore

enum LikeKernel {
    static func like(
        _ value: Column, pattern: Column, escape: Column?, cache: inout PatternCache, context: KernelContext
    ) throws -> Column {
        var arguments = [value, pattern]
        if let escape { arguments.append(escape) }
        if pattern.isConstant && (escape?.isConstant ?? true) {
            guard case .varchar(let text) = pattern.value(at: 0) else { return Column.nulls(.boolean, count: value.count) }
            var escapeByte: UInt8?
            if let escape {
                guard case .varchar(let escapeText) = escape.value(at: 0) else { return Column.nulls(.boolean, count: value.count) }
                escapeByte = try escapeCharacter(escapeText)
            }
            let compiled = try cache.like(text, escape: escapeByte)
            return try KernelRunner.run([value], resultType: .boolean, context: context) { a, count, validity, _ in
                let strings = a[0].strings()
                let result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
                for row in 0..<count { result[row] = compiled.matches(strings[row]) ? 1 : 0 }
                return result.finish()
            }
        }
        return try KernelRunner.run(arguments, resultType: .boolean, context: context) { a, count, validity, context in
            let strings = a[0].strings()
            let patterns = a[1].strings()
            let escapes = a.count > 2 ? a[2].strings() : nil
            var result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
            var last: (pattern: [UInt8], escape: UInt8?, compiled: LikePattern)?
            for row in 0..<count {
                result[row] = 0
                guard result.validity.isValid(row) else { continue }
                do {
                    let escape = try escapes.map { try escapeCharacter(String(decoding: $0[row], as: UTF8.self)) }
                    let pattern = patterns[row]
                    if last == nil || last!.escape != escape || !last!.pattern.elementsEqual(pattern) {
                        last = (Array(pattern), escape, try LikePattern(pattern: pattern, escape: escape))
                    }
                    result[row] = last!.compiled.matches(strings[row]) ? 1 : 0
                } catch let error as ExecutionError {
                    try context.fail(row, error)
                    result.validity.setNull(row)
                }
            }
            return result.finish()
        }
    }

    private static func escapeCharacter(_ text: String) throws -> UInt8 {
        guard text.utf8.count == 1, let byte = text.utf8.first else {
            throw ExecutionError(.invalidArgument, "Escape string must be a single character")
        }
        return byte
    }
}
