// The string functions. Positions and lengths count characters (code points), not bytes, as in Trino;
// rows of pure ASCII take byte-indexed fast paths.
import StrataCore
import StrataPlanner

enum StringFunctions {
    static func call(_ function: ScalarFunction, _ arguments: [Column], resultType: DataType, context: KernelContext) throws -> Column {
        try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            switch function {
            case .length: return length(a[0], count, validity)
            case .lower: return changeCase(a[0], upper: false, count, validity)
            case .upper: return changeCase(a[0], upper: true, count, validity)
            case .reverse: return reverse(a[0], count, validity)
            case .substr: return substr(a, count, validity)
            case .trim, .ltrim, .rtrim:
                return trim(a, leading: function != .rtrim, trailing: function != .ltrim, count, validity)
            case .concat: return concat(a, resultType, count, validity)
            case .replace: return replace(a, count, validity)
            case .splitPart: return try splitPart(a, count, validity, context)
            case .strpos: return try strpos(a, count, validity, context)
            case .startsWith, .endsWith: return affix(a, prefix: function == .startsWith, count, validity)
            case .lpad, .rpad: return try pad(a, left: function == .lpad, count, validity, context)
            default: throw ExecutionError(.internal, "\(function.rawValue) is not a string function")
            }
        }
    }

    private static func length(_ a: KernelArgument, _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a.strings()
        let result = FixedResult<Int64>(.bigint, count: count, validity: validity)
        if a.type == .varbinary {
            for row in 0..<count { result[row] = Int64(text[row].count) }
        } else {
            for row in 0..<count { result[row] = Int64(UTF8Text.count(text[row])) }
        }
        return result.finish()
    }

    private static func changeCase(_ a: KernelArgument, upper: Bool, _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a.strings()
        var result = StringResult(count: count, validity: validity)
        var scratch: [UInt8] = []
        for row in 0..<count {
            let value = text[row]
            let start = result.bytes.extend(by: value.count).assumingMemoryBound(to: UInt8.self)
            if UTF8Text.isASCII(value) {
                for index in 0..<value.count {
                    let byte = value[index]
                    let isTarget = upper ? (byte &- 97 < 26) : (byte &- 65 < 26)
                    start[index] = isTarget ? byte ^ 0x20 : byte
                }
                result.endRow()
                continue
            }
            result.bytes.count -= value.count
            scratch.removeAll(keepingCapacity: true)
            var offset = 0
            while offset < value.count {
                let (scalar, next) = UTF8Text.decode(value, at: offset)
                UTF8Text.encode(CaseMapping.map(scalar, upper: upper), into: &scratch)
                offset = next
            }
            scratch.withUnsafeBufferPointer { result.append($0) }
        }
        return result.finish()
    }

    private static func reverse(_ a: KernelArgument, _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a.strings()
        var result = StringResult(a.type, count: count, validity: validity)
        for row in 0..<count {
            let value = text[row]
            let target = result.bytes.extend(by: value.count).assumingMemoryBound(to: UInt8.self)
            if a.type == .varbinary || UTF8Text.isASCII(value) {
                for index in 0..<value.count { target[index] = value[value.count - 1 - index] }
            } else {
                // Whole code points in reverse order.
                var write = value.count
                var offset = 0
                while offset < value.count {
                    let length = min(UTF8Text.sequenceLength(value[offset]), value.count - offset)
                    write -= length
                    for index in 0..<length { target[write + index] = value[offset + index] }
                    offset += length
                }
            }
            result.endRow()
        }
        return result.finish()
    }

    /// Trino's substr: 1-based start, negative from the end, 0 gives the empty string.
    private static func substr(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a[0].strings()
        let starts = a[1].fixed(Int64.self)
        let lengths = a.count > 2 ? a[2].fixed(Int64.self) : nil
        var result = StringResult(count: count, validity: validity)
        for row in 0..<count {
            let value = text[row]
            let start = starts[row]
            let length = lengths?[row] ?? Int64.max
            guard start != 0, length > 0, value.count > 0 else {
                result.endRow()
                continue
            }
            let range: Range<Int>
            if UTF8Text.isASCII(value) {
                let size = Int64(value.count)
                let first = start > 0 ? start - 1 : size + start
                guard first >= 0 && first < size else {
                    result.endRow()
                    continue
                }
                let end = length >= size - first ? size : first + length
                range = Int(first)..<Int(end)
            } else {
                let characters = Int64(UTF8Text.count(value))
                let first = start > 0 ? start - 1 : characters + start
                guard first >= 0 && first < characters else {
                    result.endRow()
                    continue
                }
                let startOffset = UTF8Text.advance(value, from: 0, by: Int(first))
                let endOffset = length >= characters - first ? value.count : UTF8Text.advance(value, from: startOffset, by: Int(length))
                range = startOffset..<endOffset
            }
            result.append(UnsafeBufferPointer(rebasing: value[range]))
        }
        return result.finish()
    }

    private static func trim(
        _ a: [KernelArgument], leading: Bool, trailing: Bool, _ count: Int, _ validity: ResultValidity
    ) -> Column {
        let text = a[0].strings()
        let characters = a.count > 1 ? a[1].strings() : nil
        var result = StringResult(count: count, validity: validity)
        var set: [UInt32] = []
        for row in 0..<count {
            let value = text[row]
            var isTrimmed: (UInt32) -> Bool = CaseMapping.isWhitespace
            if let characters {
                let chosen = characters[row]
                set.removeAll(keepingCapacity: true)
                var offset = 0
                while offset < chosen.count {
                    let (scalar, next) = UTF8Text.decode(chosen, at: offset)
                    set.append(scalar)
                    offset = next
                }
                let current = set
                isTrimmed = { current.contains($0) }
            }
            var start = 0
            var end = value.count
            if leading {
                while start < end {
                    let (scalar, next) = UTF8Text.decode(value, at: start)
                    guard isTrimmed(scalar) else { break }
                    start = next
                }
            }
            if trailing {
                while end > start {
                    var lead = end - 1
                    while lead > start && value[lead] & 0xC0 == 0x80 { lead -= 1 }
                    let (scalar, _) = UTF8Text.decode(value, at: lead)
                    guard isTrimmed(scalar) else { break }
                    end = lead
                }
            }
            result.append(UnsafeBufferPointer(rebasing: value[start..<end]))
        }
        return result.finish()
    }

    private static func concat(_ a: [KernelArgument], _ type: DataType, _ count: Int, _ validity: ResultValidity) -> Column {
        let parts = a.map { $0.strings() }
        var result = StringResult(type, count: count, validity: validity)
        for row in 0..<count {
            for part in parts { result.appendPart(part[row]) }
            result.endRow()
        }
        return result.finish()
    }

    /// Every occurrence of `search` replaced; an empty `search` inserts the replacement before every
    /// character and at the end (as Trino).
    private static func replace(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a[0].strings()
        let search = a[1].strings()
        let replacement = a.count > 2 ? a[2].strings() : nil
        var result = StringResult(count: count, validity: validity)
        for row in 0..<count {
            let value = text[row]
            let needle = search[row]
            let with = replacement?[row] ?? UnsafeBufferPointer(start: nil, count: 0)
            if needle.isEmpty {
                var offset = 0
                while offset < value.count {
                    result.appendPart(with)
                    let next = min(value.count, offset + UTF8Text.sequenceLength(value[offset]))
                    result.appendPart(UnsafeBufferPointer(rebasing: value[offset..<next]))
                    offset = next
                }
                result.appendPart(with)
                result.endRow()
                continue
            }
            var position = 0
            while let hit = ByteString.find(needle, in: value, from: position) {
                result.appendPart(UnsafeBufferPointer(rebasing: value[position..<hit]))
                result.appendPart(with)
                position = hit + needle.count
            }
            result.appendPart(UnsafeBufferPointer(rebasing: value[position...]))
            result.endRow()
        }
        return result.finish()
    }

    private static func splitPart(
        _ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let text = a[0].strings()
        let delimiters = a[1].strings()
        let indices = a[2].fixed(Int64.self)
        var result = StringResult(count: count, validity: validity)
        for row in 0..<count {
            guard result.validity.isValid(row) else {
                result.appendNull()
                continue
            }
            let index = indices[row]
            guard index > 0 else {
                try context.fail(row, ExecutionError(.invalidArgument, "Index must be greater than zero"))
                result.appendNull()
                continue
            }
            let value = text[row]
            let delimiter = delimiters[row]
            if delimiter.isEmpty {
                // Splits into characters.
                let start = UTF8Text.advance(value, from: 0, by: Int(min(index - 1, Int64(value.count))))
                guard start < value.count else {
                    result.appendNull()
                    continue
                }
                result.append(UnsafeBufferPointer(rebasing: value[start..<UTF8Text.advance(value, from: start, by: 1)]))
                continue
            }
            var start = 0
            var part: Int64 = 1
            var found = true
            while part < index {
                guard let hit = ByteString.find(delimiter, in: value, from: start) else {
                    found = false
                    break
                }
                start = hit + delimiter.count
                part += 1
            }
            guard found else {
                result.appendNull()
                continue
            }
            let end = ByteString.find(delimiter, in: value, from: start) ?? value.count
            result.append(UnsafeBufferPointer(rebasing: value[start..<end]))
        }
        return result.finish()
    }

    /// 1-based character position of the `instance`-th occurrence (from the end when negative), or 0.
    private static func strpos(
        _ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let text = a[0].strings()
        let search = a[1].strings()
        let instances = a.count > 2 ? a[2].fixed(Int64.self) : nil
        var result = FixedResult<Int64>(.bigint, count: count, validity: validity)
        for row in 0..<count {
            result[row] = 0
            guard result.validity.isValid(row) else { continue }
            let instance = instances?[row] ?? 1
            guard instance != 0 else {
                try context.fail(row, ExecutionError(.invalidArgument, "'instance' must be a positive or negative number."))
                result.validity.setNull(row)
                continue
            }
            let value = text[row]
            let needle = search[row]
            if needle.isEmpty {
                result[row] = 1
                continue
            }
            var hit: Int?
            if instance > 0 {
                var position = 0
                var seen: Int64 = 0
                while let found = ByteString.find(needle, in: value, from: position) {
                    seen += 1
                    if seen == instance {
                        hit = found
                        break
                    }
                    position = found + 1
                }
            } else {
                // All occurrences (overlapping), counted from the end.
                var occurrences: [Int] = []
                var position = 0
                while let found = ByteString.find(needle, in: value, from: position) {
                    occurrences.append(found)
                    position = found + 1
                }
                let wanted = occurrences.count + Int(clamping: instance)
                if wanted >= 0 && wanted < occurrences.count { hit = occurrences[wanted] }
            }
            if let hit {
                result[row] = Int64(UTF8Text.count(UnsafeBufferPointer(rebasing: value[0..<hit]))) + 1
            }
        }
        return result.finish()
    }

    private static func affix(_ a: [KernelArgument], prefix: Bool, _ count: Int, _ validity: ResultValidity) -> Column {
        let text = a[0].strings()
        let affixes = a[1].strings()
        let result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
        if prefix {
            for row in 0..<count { result[row] = ByteString.hasPrefix(text[row], affixes[row]) ? 1 : 0 }
        } else {
            for row in 0..<count { result[row] = ByteString.hasSuffix(text[row], affixes[row]) ? 1 : 0 }
        }
        return result.finish()
    }

    /// The largest lpad/rpad result accepted, in characters.
    static let maximumPadLength: Int64 = 1 << 26

    private static func pad(
        _ a: [KernelArgument], left: Bool, _ count: Int, _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let text = a[0].strings()
        let sizes = a[1].fixed(Int64.self)
        let space: [UInt8] = [0x20]
        return try space.withUnsafeBufferPointer { spaceBuffer in
            let pads = a.count > 2 ? a[2].strings() : nil
            var result = StringResult(count: count, validity: validity)
            for row in 0..<count {
                guard result.validity.isValid(row) else {
                    result.appendNull()
                    continue
                }
                let value = text[row]
                let size = sizes[row]
                let filler = pads?[row] ?? spaceBuffer
                guard size >= 0, size <= Int64(Int32.max) else {
                    try context.fail(row, ExecutionError(.invalidArgument, "Target length must be in the range [0..2147483647]"))
                    result.appendNull()
                    continue
                }
                guard size <= maximumPadLength else {
                    try context.fail(row, ExecutionError(.invalidArgument, "Target length \(size) is larger than the \(maximumPadLength) characters this engine pads to"))
                    result.appendNull()
                    continue
                }
                guard !filler.isEmpty else {
                    try context.fail(row, ExecutionError(.invalidArgument, "Padding string must not be empty"))
                    result.appendNull()
                    continue
                }
                let length = UTF8Text.count(value)
                if length >= size {
                    result.append(UnsafeBufferPointer(rebasing: value[0..<UTF8Text.advance(value, from: 0, by: Int(size))]))
                    continue
                }
                if !left { result.appendPart(value) }
                // Whole copies of the pad string, then as many of its characters as still fit.
                var missing = Int(size) - length
                let fillerLength = UTF8Text.count(filler)
                while missing >= fillerLength {
                    result.appendPart(filler)
                    missing -= fillerLength
                }
                if missing > 0 {
                    result.appendPart(UnsafeBufferPointer(rebasing: filler[0..<UTF8Text.advance(filler, from: 0, by: missing)]))
                }
                if left { result.appendPart(value) }
                result.endRow()
            }
            return result.finish()
        }
    }
}
