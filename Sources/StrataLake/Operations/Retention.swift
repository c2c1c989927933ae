// `strata retain`: drops the partitions of a table whose dates are all past the horizon (`--older-than
// 365d`, or the table's `retention` property), in one transaction: a reader sees the table with all of
// them or none. The date comes from the partition path: a DATE or TIMESTAMP key, or `year`/`month`/`day`
// integer keys (a `year=2023/month=5` partition is past when its last day is). Partitions whose date is
// NULL are kept: nothing says they are old.
import StrataCore
import StrataStorage

/// How long data is kept: `365d`, `52w`, `18m`, `7y` (or `days`, `weeks`, `months`, `years`).
public struct RetentionHorizon: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable {
        case days = "d", weeks = "w", months = "m", years = "y"
    }

    public var count: Int
    public var unit: Unit

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix(while: \.isNumber)
        let word = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let units: [String: Unit] = [
            "d": .days, "day": .days, "days": .days, "w": .weeks, "week": .weeks, "weeks": .weeks,
            "m": .months, "month": .months, "months": .months, "y": .years, "year": .years, "years": .years,
        ]
        guard let count = Int(digits), count > 0, count < 100_000, let unit = units[word] else {
            throw LakeError("invalid retention '\(text)': expected a count and a unit, like 365d, 12w, 18m or 7y")
        }
        self.init(count: count, unit: unit)
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// The first day kept (days since 1970-01-01) when today is `today`: a month back from March 31 is
    /// the last day of February.
    public func cutoff(today: Int64) -> Int64 {
        switch unit {
        case .days: return today - Int64(count)
        case .weeks: return today - 7 * Int64(count)
        case .months, .years:
            let (year, month, day) = Time.civil(days: today)
            let months = year * 12 + (month - 1) - (unit == .months ? count : 12 * count)
            let (newYear, newMonth) = (months / 12, months % 12 + 1)
            return Time.days(year: newYear, month: newMonth, day: min(day, Time.daysInMonth(year: newYear, month: newMonth)))
        }
    }
}

public struct RetentionResult: Sendable {
    public var table: String
    public var horizon: RetentionHorizon
    /// The first day kept, `YYYY-MM-DD`.
    public var cutoff: String
    /// The key(s) the dates come from.
    public var dateKeys: [String]
    /// Partition folders dropped (or, on a dry run, to drop), with their files and bytes.
    public var dropped: [(path: String, files: Int, bytes: Int)]
    public var kept: Int
    public var dryRun: Bool
}

public struct Retention {
    public let session: LakeSession
    /// From `--older-than`; the table's `retention` property when nil.
    public var horizon: RetentionHorizon?
    /// The partition key holding the date; found from the keys' names and types when nil.
    public var dateKey: String?
    public var dryRun = false
    /// Days since 1970-01-01, UTC; today when nil.
    public var today: Int64?
    public var progress: ((String) -> Void)?

    public init(session: LakeSession) {
        self.session = session
    }

    public func retain(_ table: String) throws -> RetentionResult {
        var crawler = LakeCrawler(session: session)
        crawler.progress = progress
        let found = try crawler.table(table, for: "retain")
        if dryRun { return try retain(found, crawler: crawler) }
        return try session.withLease([try crawler.prefix(of: found)], statement: "strata retain (\(found.name))") {
            try retain(found, crawler: crawler)
        }
    }

    private func retain(_ found: LakeCrawler.CrawlTarget, crawler: LakeCrawler) throws -> RetentionResult {
        let declared: CatalogObject?
        if case .declared(let object) = found { declared = object } else { declared = nil }
        let property = try declared?.properties["retention"].map { text in
            do { return try RetentionHorizon(parsing: text) } catch { throw LakeError("table \(found.name)'s retention property: \(error)") }
        }
        guard let horizon = horizon ?? property else {
            throw LakeError("no horizon for \(found.name): give --older-than (365d, 18m, 7y) or set the table's retention property")
        }
        let survey = try crawler.survey(found)
        let inventory = survey.inventory
        let date = try PartitionDate(keys: inventory.partitionKeys, chosen: dateKey, table: inventory.table)
        let cutoff = horizon.cutoff(today: today ?? LakeSession.now() / Time.microsecondsPerDay)

        // The unit dropped is the folder down to the deepest date key, so `region=eu/day=...` drops
        // that day of that region.
        var dropped: [String: (files: Int, bytes: Int)] = [:]
        var kept = Set<String>()
        for file in inventory.files {
            let segments = ObjectKey.segments(file.path, omittingEmpty: false)
            let folder = segments.prefix(date.depth).joined(separator: "/")
            guard let last = date.lastDay(file.partitionValues), last < cutoff else {
                kept.insert(folder)
                continue
            }
            dropped[folder, default: (0, 0)].files += 1
            dropped[folder, default: (0, 0)].bytes += file.size
        }
        for folder in survey.emptyPartitions {
            let segments = ObjectKey.segments(folder, omittingEmpty: false)
            let values = segments.map { PartitionSegment(folderName: $0)?.value }
            let unit = segments.prefix(date.depth).joined(separator: "/")
            if let last = date.lastDay(values), last < cutoff, dropped[unit] == nil { dropped[unit] = (0, 0) }
        }
        let folders = dropped.keys.sorted()
        if !dryRun, !folders.isEmpty {
            progress?("dropping \(folders.count) partitions of \(inventory.table) older than \(ValueFormatter.dateText(Int32(cutoff)))")
            let transaction = try WriteTransaction.begin(
                store: session.store, statement: "RETAIN \(inventory.table) \(horizon)", targetPrefix: inventory.prefix,
                wait: session.leaseWait)
            do {
                try transaction.commit(units: folders.map { TransactionRecord.Unit(path: $0, replace: true, files: [], remove: true) }, objects: [])
            } catch {
                transaction.rollback()
                throw error
            }
            if survey.previous != nil {
                session.catalog.refresh()
                if kept.subtracting(folders).isEmpty {
                    try TableInventory.delete(inventory.table, store: session.store)
                } else {
                    _ = try crawler.crawl(found)
                }
            }
        }
        return RetentionResult(
            table: inventory.table, horizon: horizon, cutoff: ValueFormatter.dateText(Int32(cutoff)), dateKeys: date.keyNames,
            dropped: folders.map { ($0, dropped[$0]!.files, dropped[$0]!.bytes) }, kept: kept.subtracting(folders).count, dryRun: dryRun)
    }
}

/// Where a table's partitions keep their date: one DATE/TIMESTAMP key, or `year`[/`month`[/`day`]] keys.
struct PartitionDate {
    enum Source {
        case date(index: Int)
        case timestamp(index: Int)
        case civil(year: Int, month: Int?, day: Int?)
    }

    let source: Source
    let keyNames: [String]
    /// Partition levels down to the deepest date key.
    let depth: Int

    init(keys: [CatalogObject.Column], chosen: String?, table: String) throws {
        func index(_ name: String) -> Int? { keys.firstIndex { $0.name.lowercased() == name } }
        let types = keys.map { DataType(sqlName: $0.type) ?? .varchar }
        if let chosen {
            guard let position = index(chosen.lowercased()) else {
                throw LakeError("--key \(chosen): \(table) has no partition key of that name (its keys: \(keys.map(\.name).joined(separator: ", ")))")
            }
            switch types[position] {
            case .date: source = .date(index: position)
            case .timestamp: source = .timestamp(index: position)
            default:
                throw LakeError("--key \(chosen): the key is \(keys[position].type), and retention needs a DATE or TIMESTAMP key (or year/month/day keys)")
            }
            keyNames = [keys[position].name]
            depth = position + 1
            return
        }
        if let position = types.firstIndex(where: { $0 == .date || $0 == .timestamp }) {
            source = types[position] == .date ? .date(index: position) : .timestamp(index: position)
            keyNames = [keys[position].name]
            depth = position + 1
            return
        }
        let integers = keys.indices.filter { types[$0].isInteger }
        if let year = index("year"), integers.contains(year) {
            let month = index("month").flatMap { integers.contains($0) ? $0 : nil }
            let day = month == nil ? nil : index("day").flatMap { integers.contains($0) ? $0 : nil }
            source = .civil(year: year, month: month, day: day)
            let used = [year, month, day].compactMap { $0 }
            keyNames = used.map { keys[$0].name }
            depth = used.max()! + 1
            return
        }
        throw LakeError(
            "\(table) has no date in its partitions (keys: \(keys.isEmpty ? "none" : keys.map { "\($0.name) \($0.type)" }.joined(separator: ", "))): retention drops partitions by a DATE or TIMESTAMP key, or year/month/day keys")
    }

    /// The last day (days since 1970-01-01) a partition with these raw values holds; nil when unknown.
    func lastDay(_ values: [String?]) -> Int64? {
        func value(_ index: Int) -> String? { index < values.count ? values[index] : nil }
        switch source {
        case .date(let index):
            return value(index).flatMap { TemporalParser.parseDate($0) }.map(Int64.init)
        case .timestamp(let index):
            return value(index).flatMap { TemporalParser.parseTimestamp($0) }.map { Time.split(microseconds: $0).days }
        case .civil(let yearIndex, let monthIndex, let dayIndex):
            guard let year = value(yearIndex).flatMap({ Int($0) }) else { return nil }
            guard let monthIndex else { return Time.days(year: year, month: 12, day: 31) }
            guard let month = value(monthIndex).flatMap({ Int($0) }), (1...12).contains(month) else { return nil }
            guard let dayIndex else { return Time.days(year: year, month: month, day: Time.daysInMonth(year: year, month: month)) }
            guard let day = value(dayIndex).flatMap({ Int($0) }), (1...Time.daysInMonth(year: year, month: month)).contains(day) else { return nil }
            return Time.days(year: year, month: month, day: day)
        }
    }
}
