// A table of `metrics/` that pipeline runs append to: partitioned by the run's date, written through the
// commit protocol, so a killed run leaves its rows whole or absent. `strata query` reads it like any table.
import StrataCore
import StrataFormats
import StrataPlanner

struct MetricsTable {
    /// `metrics.materialize` and the like.
    let name: String
    /// The columns of a row, before the `run_date` partition column.
    let fields: [Field]

    var prefix: String { name.replacingOccurrences(of: ".", with: "/") + "/" }

    /// Appends `rows` (values in the order of `fields`) for a run that started at `startedAt` (µs since the epoch).
    func append(_ rows: [[Value]], startedAt: Int64, session: LakeSession) throws {
        guard !rows.isEmpty else { return }
        let day = Value.date(Int32(startedAt / 86_400_000_000))
        let schema = fields + [Field("run_date", .date)]
        let plan = LogicalPlan.values(
            rows: rows.map { row in zip(row + [day], schema).map { BoundExpression.literal($0, $1.type) } }, schema: schema)
        let layout = PartitionedWriter.Layout(dataFields: fields, partitionKeys: ["run_date"], partitionTypes: [.date])
        let target = WriteTarget(name: name, store: session.store, prefix: prefix, layout: layout, format: .parquet(ParquetWriterOptions()))
        _ = try TableWriter(session: session).write(plan, into: target, mode: .append, statement: "metrics into \(name)")
    }
}
