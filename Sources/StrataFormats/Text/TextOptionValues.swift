// The values of table function options (`delim = ';'`, `header = true`, `sample_size = -1`) as the readers'
// option setters take them from SQL values, with errors naming the option.
import StrataCore

enum TextOptionValues {
    static func string(_ value: Value, option: String) throws(TextFormatError) -> String {
        if case .varchar(let text) = value { return text }
        throw TextFormatError(.invalidOption, "\(option) expects a string")
    }

    static func boolean(_ value: Value, option: String) throws(TextFormatError) -> Bool {
        switch value {
        case .boolean(let flag): return flag
        case .integer(let number) where number == 0 || number == 1: return number == 1
        case .varchar(let text):
            let parsed = text.utf8.withContiguousStorageIfAvailable { TextNumberParser.boolean(UnsafeRawBufferPointer($0)) }
            if let parsed = parsed ?? nil { return parsed }
        default: break
        }
        throw TextFormatError(.invalidOption, "\(option) expects a boolean")
    }

    static func integer(_ value: Value, option: String, minimum: Int) throws(TextFormatError) -> Int {
        if case .integer(let number) = value, number >= minimum, let result = Int(exactly: number) { return result }
        throw TextFormatError(.invalidOption, "\(option) expects an integer of at least \(minimum)")
    }

    /// One ASCII character; the empty string means none (for `quote` and `escape`).
    static func character(_ value: Value, option: String, allowEmpty: Bool) throws(TextFormatError) -> Unicode.Scalar? {
        var text = try string(value, option: option)
        if text == "\\t" { text = "\t" }
        if text.isEmpty && allowEmpty { return nil }
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar.isASCII else {
            throw TextFormatError(.invalidOption, "\(option) must be a single ASCII character, not '\(text)'")
        }
        return scalar
    }
}
