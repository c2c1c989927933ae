// sum and avg over INTERVAL: months, days and microseconds summed apart (a month has no fixed length).
// An average divides the months, and the days and microseconds as one duration. Partial state: the sum
// (INTERVAL), and for avg also the count (BIGINT).
import StrataCore

final class IntervalSumAccumulator: AggregateAccumulator {
    let isAverage: Bool
    private var months: [Int64] = []
    private var days: [Int64] = []
    private var microseconds: [Int64] = []
    private var counts: [Int64] = []

    init(isAverage: Bool) { self.isAverage = isAverage }

    var resultType: DataType { .interval }
    var intermediateTypes: [DataType] { isAverage ? [.interval, .bigint] : [.interval] }
    var groupCount: Int { counts.count }

    func resize(to count: Int) {
        guard count > counts.count else { return }
        let added = count - counts.count
        months.append(contentsOf: repeatElement(0, count: added))
        days.append(contentsOf: repeatElement(0, count: added))
        microseconds.append(contentsOf: repeatElement(0, count: added))
        counts.append(contentsOf: repeatElement(0, count: added))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        if argument.type == .unknown { return }
        try add(groups, argument, counts: nil)
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        try add(groups, states[0], counts: isAverage ? states[1].typed(Int64.self) : nil)
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        var overflow = false
        for (source, target) in zip(sources, targets) {
            let (s, t) = (Int(source), Int(target))
            var flag = false
            (months[t], flag) = months[t].addingReportingOverflow(months[s]); overflow = overflow || flag
            (days[t], flag) = days[t].addingReportingOverflow(days[s]); overflow = overflow || flag
            (microseconds[t], flag) = microseconds[t].addingReportingOverflow(microseconds[s]); overflow = overflow || flag
            counts[t] &+= counts[s]
        }
        if overflow { throw overflowError }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        // The partial sum is exact as long as it fits an INTERVAL; `results` checks the same bound.
        let sumColumn = StateColumns.build(.interval, range, as: Interval.self) { group -> Interval? in
            guard counts[group] > 0 else { return nil }
            return Interval(
                months: Int32(clamping: months[group]), days: Int32(clamping: days[group]),
                microseconds: microseconds[group])
        }
        return isAverage ? [sumColumn, StateColumns.fixed(.bigint, counts, range)] : [sumColumn]
    }

    func results(_ range: Range<Int>) throws -> Column {
        try StateColumns.build(.interval, range, as: Interval.self) { group -> Interval? in
            let count = counts[group]
            guard count > 0 else { return nil }
            if !isAverage {
                guard let m = Int32(exactly: months[group]), let d = Int32(exactly: days[group]) else {
                    throw overflowError
                }
                return Interval(months: m, days: d, microseconds: microseconds[group])
            }
            let duration = Int128(days[group]) * Int128(Time.microsecondsPerDay) + Int128(microseconds[group])
            let average = duration / Int128(count)
            let perDay = Int128(Time.microsecondsPerDay)
            return Interval(
                months: Int32(truncatingIfNeeded: months[group] / count),
                days: Int32(truncatingIfNeeded: average / perDay),
                microseconds: Int64(average % perDay))
        }
    }

    private var overflowError: ExecutionError {
        ExecutionError(.overflow, "interval overflow in \(isAverage ? "avg" : "sum")()")
    }

    private func add(_ groups: UnsafeBufferPointer<Int32>, _ argument: ColumnView, counts partial: UnsafePointer<Int64>?) throws {
        let values = argument.typed(Interval.self)
        var overflow = false
        for (row, group) in groups.enumerated() where !argument.isNull(row) {
            let g = Int(group)
            let value = values[row]
            months[g] &+= Int64(value.months)
            days[g] &+= Int64(value.days)
            var flag = false
            (microseconds[g], flag) = microseconds[g].addingReportingOverflow(value.microseconds)
            overflow = overflow || flag
            counts[g] &+= partial?[row] ?? 1
        }
        if overflow { throw overflowError }
    }
}
