// The IMF-fixdate form of HTTP dates (`Wed, 21 Oct 2015 07:28:00 GMT`), as S3 sends `Last-Modified`.
import StrataCore

enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Milliseconds since the epoch, or nil if `text` is not an IMF-fixdate.
    static func parseMilliseconds(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (1...Time.daysInMonth(year: year, month: month + 1)).contains(day), (0..<24).contains(hour),
            (0..<60).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = Time.days(year: year, month: month + 1, day: day)
        return (days * Time.secondsPerDay + Int64(hour * 3600 + minute * 60 + second)) * 1000
    }
}
