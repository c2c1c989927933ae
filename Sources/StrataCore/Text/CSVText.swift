// RFC 4180 quoting of one CSV field.

public enum CSVText {
    /// `field` quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with a space;
    /// quotes inside are doubled.
    public static func quoted(_ field: String, delimiter: Unicode.Scalar = ",") -> String {
        var needsQuotes = field.first == " " || field.last == " "
        if !needsQuotes {
            needsQuotes = field.unicodeScalars.contains {
                $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == delimiter
            }
        }
        guard needsQuotes else { return field }
        var result = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { result.unicodeScalars.append("\"") }
            result.unicodeScalars.append(scalar)
        }
        result.unicodeScalars.append("\"")
        return result
    }
}
