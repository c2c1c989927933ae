// regexp_like, regexp_extract and regexp_replace over the Pike VM. A constant pattern is compiled once
// per evaluator; a pattern that varies by row is compiled when it changes.
import StrataCore
import StrataPlanner

enum RegexFunctions {
    static func call(
        _ function: ScalarFunction, _ arguments: [Column], resultType: DataType, evaluator: ExpressionEvaluator,
        context: KernelContext
    ) throws -> Column {
        // Compile a constant pattern up front, so a bad one fails once (and before any row).
        var constantProgram: RegexProgram?
        if arguments[1].isConstant, case .varchar(let pattern) = arguments[1].value(at: 0) {
            constantProgram = try evaluator.patternCache.regex(pattern)
        }
        var replacementTemplate: RegexReplacement?
        if function == .regexpReplace, let program = constantProgram {
            if arguments.count > 2, arguments[2].isConstant, case .varchar(let text) = arguments[2].value(at: 0) {
                replacementTemplate = try RegexReplacement(text, program: program)
            } else if arguments.count == 2 {
                replacementTemplate = try RegexReplacement("", program: program)
            }
        }
        return try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            let text = a[0].strings()
            let patterns = a[1].strings()
            var program = constantProgram
            var matcher = program.map(RegexMatcher.init)
            /// The program for `row` (nil when its pattern is invalid, which failed the row).
            func prepare(_ row: Int, _ validity: inout ResultValidity) throws -> RegexMatcher? {
                if constantProgram != nil { return matcher }
                let pattern = String(decoding: patterns[row], as: UTF8.self)
                if program?.pattern != pattern {
                    do {
                        program = try evaluator.patternCache.regex(pattern)
                        matcher = RegexMatcher(program!)
                    } catch let error as ExecutionError {
                        program = nil
                        try context.fail(row, error)
                        validity.setNull(row)
                        return nil
                    }
                }
                return matcher
            }
            switch function {
            case .regexpLike:
                var result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
                for row in 0..<count {
                    result[row] = 0
                    guard result.validity.isValid(row), let matcher = try prepare(row, &result.validity) else { continue }
                    result[row] = matcher.matches(text[row]) ? 1 : 0
                }
                return result.finish()
            case .regexpExtract:
                let groups = a.count > 2 ? a[2].fixed(Int64.self) : nil
                var result = StringResult(count: count, validity: validity)
                for row in 0..<count {
                    guard result.validity.isValid(row), let matcher = try prepare(row, &result.validity) else {
                        result.appendNull()
                        continue
                    }
                    let group = groups?[row] ?? 0
                    guard group >= 0 && group <= Int64(matcher.program.groupCount) else {
                        try context.fail(row, ExecutionError(
                            .invalidArgument, "Pattern has \(matcher.program.groupCount) groups. Cannot access group \(group)"))
                        result.appendNull()
                        continue
                    }
                    let value = text[row]
                    guard matcher.search(value, from: 0) else {
                        result.appendNull()
                        continue
                    }
                    let start = matcher.captures[2 * Int(group)]
                    let end = matcher.captures[2 * Int(group) + 1]
                    guard start >= 0, end >= start else {
                        result.appendNull()
                        continue
                    }
                    result.append(UnsafeBufferPointer(rebasing: value[start..<end]))
                }
                return result.finish()
            case .regexpReplace:
                let replacements = a.count > 2 ? a[2].strings() : nil
                var result = StringResult(count: count, validity: validity)
                for row in 0..<count {
                    guard result.validity.isValid(row), let matcher = try prepare(row, &result.validity) else {
                        result.appendNull()
                        continue
                    }
                    var template = replacementTemplate
                    if template == nil {
                        do {
                            let text = replacements.map { String(decoding: $0[row], as: UTF8.self) } ?? ""
                            template = try RegexReplacement(text, program: matcher.program)
                        } catch let error as ExecutionError {
                            try context.fail(row, error)
                            result.appendNull()
                            continue
                        }
                    }
                    replaceAll(text[row], matcher, template!, &result)
                }
                return result.finish()
            case .regexpCount:
                var result = FixedResult<Int64>(.bigint, count: count, validity: validity)
                for row in 0..<count {
                    result[row] = 0
                    guard result.validity.isValid(row), let matcher = try prepare(row, &result.validity) else { continue }
                    var found: Int64 = 0
                    forEachMatch(text[row], matcher, from: 0) { _ in
                        found += 1
                        return true
                    }
                    result[row] = found
                }
                return result.finish()
            case .regexpPosition:
                let starts = a.count > 2 ? a[2].fixed(Int64.self) : nil
                let occurrences = a.count > 3 ? a[3].fixed(Int64.self) : nil
                var result = FixedResult<Int32>(.integer, count: count, validity: validity)
                for row in 0..<count {
                    result[row] = -1
                    guard result.validity.isValid(row), let matcher = try prepare(row, &result.validity) else { continue }
                    let start = starts?[row] ?? 1
                    let occurrence = occurrences?[row] ?? 1
                    guard start >= 1, occurrence >= 1 else {
                        try context.fail(row, ExecutionError(
                            .invalidArgument, start < 1 ? "start position cannot be smaller than 1" : "occurrence cannot be smaller than 1"))
                        result.validity.setNull(row)
                        continue
                    }
                    let value = text[row]
                    let from = UTF8Text.advance(value, from: 0, by: Int(min(start - 1, Int64(value.count + 1))))
                    if start - 1 > Int64(UTF8Text.count(value)) { continue }
                    var seen: Int64 = 0
                    forEachMatch(value, matcher, from: from) { matchStart in
                        seen += 1
                        if seen == occurrence {
                            result[row] = Int32(clamping: UTF8Text.count(UnsafeBufferPointer(rebasing: value[0..<matchStart])) + 1)
                            return false
                        }
                        return true
                    }
                }
                return result.finish()
            default:
                throw ExecutionError(.internal, "\(function.rawValue) is not a regular expression function")
            }
        }
    }

    /// Calls `body` with the start of each successive match (Java's `find` loop: after an empty match the
    /// next search starts one character later) until it returns false or no match is left.
    private static func forEachMatch(
        _ value: UnsafeBufferPointer<UInt8>, _ matcher: RegexMatcher, from start: Int, _ body: (Int) -> Bool
    ) {
        var searchFrom = start
        while searchFrom <= value.count, matcher.search(value, from: searchFrom) {
            let matchStart = matcher.captures[0]
            let matchEnd = matcher.captures[1]
            guard body(matchStart) else { return }
            if matchEnd == matchStart {
                guard matchEnd < value.count else { return }
                searchFrom = matchEnd + UTF8Text.sequenceLength(value[matchEnd])
            } else {
                searchFrom = matchEnd
            }
        }
    }

    /// Java's `Matcher.replaceAll`: after an empty match the next search starts one character later.
    private static func replaceAll(
        _ value: UnsafeBufferPointer<UInt8>, _ matcher: RegexMatcher, _ template: RegexReplacement, _ result: inout StringResult
    ) {
        var copied = 0
        var searchFrom = 0
        while searchFrom <= value.count, matcher.search(value, from: searchFrom) {
            let start = matcher.captures[0]
            let end = matcher.captures[1]
            result.appendPart(UnsafeBufferPointer(rebasing: value[copied..<start]))
            template.append(value, matcher.captures, to: result)
            copied = end
            if end == start {
                guard end < value.count else { break }
                searchFrom = end + UTF8Text.sequenceLength(value[end])
            } else {
                searchFrom = end
            }
        }
        result.appendPart(UnsafeBufferPointer(rebasing: value[copied...]))
        result.endRow()
    }
}
