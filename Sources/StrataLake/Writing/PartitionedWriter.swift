// Writes a stream of batches into Hive partitions: every row goes to the file of its partition key
// (a hash table numbers the distinct keys), files are named `part-<transaction>-<n>`, and the partition
// columns, which the folder names carry, are left out of the files. There is no cap on the number of
// partitions, and memory stays bounded however many a statement writes:
//
// - the writer keeps at most `maxOpenFiles` files open; rows of partitions first seen beyond that are
//   spilled, whole, to a few temporary Parquet files (by partition), which are written out one after
//   another at the end, each by a writer of its own (which may spill again) — so each partition still
//   gets one file, however the input is ordered;
// - when the open files' buffers pass `memoryBudget`, the largest buffer is written out (a row group);
// - a file past `maxFileBytes` is closed and the partition continues in a new one.
import StrataCore
import StrataExecution
import StrataFormats
import StrataStorage

public final class PartitionedWriter {
    /// What is written: the files' columns, then the partition keys (the batches' last columns).
    public struct Layout: Sendable {
        public var dataFields: [Field]
        public var partitionKeys: [String]
        public var partitionTypes: [DataType]

        public init(dataFields: [Field], partitionKeys: [String] = [], partitionTypes: [DataType] = []) {
            self.dataFields = dataFields
            self.partitionKeys = partitionKeys
            self.partitionTypes = partitionTypes
        }
    }

    public struct Limits: Sendable {
        /// Bytes the open files may buffer together.
        public var memoryBudget: Int
        public var maxOpenFiles: Int
        public var maxFileBytes: Int
        /// Temporary files the overflow of partitions is spread over.
        public var spillFiles = 16

        public init(memoryBudget: Int = Limits.defaultMemoryBudget, maxOpenFiles: Int = 256, maxFileBytes: Int = 1 << 30) {
            self.memoryBudget = memoryBudget
            self.maxOpenFiles = maxOpenFiles
            self.maxFileBytes = maxFileBytes
        }

        /// A quarter of the machine's memory, between 64 MB and 2 GB; `STRATA_WRITE_MEMORY_MB` overrides it.
        public static var defaultMemoryBudget: Int {
            if let text = getenv("STRATA_WRITE_MEMORY_MB").map({ String(cString: $0) }), let megabytes = Int(text), megabytes > 0 {
                return megabytes << 20
            }
            let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
            return min(2 << 30, max(64 << 20, physical / 4))
        }

        /// Limits for writing to `store`: an S3 upload buffers a part per open file, so fewer stay open.
        public static func forStore(_ store: any ObjectStore) -> Limits {
            var limits = Limits()
            if !(store is LocalObjectStore) { limits.maxOpenFiles = max(4, min(256, limits.memoryBudget / (24 << 20))) }
            return limits
        }
    }

    public let store: any ObjectStore
    /// Key prefix of the folder the partitions go below (empty or ending with `/`).
    public let prefix: String
    public let layout: Layout
    public let format: WriteFormat
    public let limits: Limits
    private let fileStem: String
    private let context: ExecutionContext
    private let counter: FileCounter
    private let grouper: KeyGrouper?
    private var slots: [Slot] = []
    private var sinks: [OpenFile] = []
    private var spill: SpillArea?
    /// Scratch: for each group, its position among the groups of the current batch.
    private var batchPosition: [Int32] = []
    public private(set) var files: [WrittenFile] = []
    public private(set) var rowCount = 0
    /// Called with each finished file (progress).
    public var onFile: ((WrittenFile) -> Void)?
    private var failed = false

    private struct Slot {
        var path: String
        var values: [Value]
        var sink: Int?
        var spilled: Bool
    }

    private struct OpenFile {
        var sink: any FileSink
        var slot: Int
        var name: String
        var buffered: Int
    }

    /// Numbers files across the writers of one statement (spilled partitions are written by others).
    final class FileCounter {
        var next = 0
    }

    public convenience init(
        store: any ObjectStore, prefix: String, layout: Layout, format: WriteFormat, fileStem: String, limits: Limits,
        context: ExecutionContext
    ) throws {
        try self.init(store: store, prefix: prefix, layout: layout, format: format, fileStem: fileStem, limits: limits, context: context, counter: FileCounter())
    }

    init(
        store: any ObjectStore, prefix: String, layout: Layout, format: WriteFormat, fileStem: String, limits: Limits,
        context: ExecutionContext, counter: FileCounter
    ) throws {
        for (key, type) in zip(layout.partitionKeys, layout.partitionTypes) { try PartitionPath.check(key: key, type: type) }
        guard !layout.dataFields.isEmpty else {
            throw LakeError("nothing to write besides the partition columns; a table needs at least one other column")
        }
        self.store = store
        self.prefix = prefix
        self.layout = layout
        self.format = format
        self.limits = limits
        self.fileStem = fileStem
        self.context = context
        self.counter = counter
        grouper = layout.partitionKeys.isEmpty ? nil : KeyGrouper(keyTypes: layout.partitionTypes)
        if grouper == nil { slots = [Slot(path: "", values: [], sink: nil, spilled: false)] }
    }

    deinit {
        if !failed && (!sinks.isEmpty || spill != nil) { abort() }
    }

    private var dataCount: Int { layout.dataFields.count }

    /// Adds rows: the data columns, then the partition columns.
    public func write(_ batch: Batch) throws {
        guard batch.columns.count == dataCount + layout.partitionKeys.count else {
            throw LakeError("the rows have \(batch.columns.count) columns where \(dataCount + layout.partitionKeys.count) are written")
        }
        guard batch.count > 0 else { return }
        rowCount += batch.count
        do {
            guard let grouper else {
                try route(batch, rows: nil, slot: 0)
                return
            }
            let keyColumns = Array(batch.columns[dataCount...])
            let groups = grouper.groups(keyColumns, count: batch.count)
            if grouper.groupCount > slots.count { try addSlots(upTo: grouper.groupCount) }
            // Most batches of a sorted or clustered input hold one partition.
            if let first = groups.first, groups.allSatisfy({ $0 == first }) {
                try route(batch, rows: nil, slot: Int(first))
                return
            }
            try routeByGroup(batch, groups: groups)
        } catch {
            abort()
            throw error
        }
    }

    private func addSlots(upTo count: Int) throws {
        let start = slots.count
        let keys = grouper!.keys(start..<count)
        for offset in 0..<(count - start) {
            let values = keys.map { $0.value(at: offset) }
            let path = PartitionPath.folder(keys: layout.partitionKeys, values: values, types: layout.partitionTypes)
            slots.append(Slot(path: path, values: values, sink: nil, spilled: false))
        }
        batchPosition += Array(repeating: -1, count: count - start)
    }

    /// Splits a batch by partition: a counting sort of the row numbers by group.
    private func routeByGroup(_ batch: Batch, groups: [Int32]) throws {
        var present: [Int32] = []
        var counts: [Int32] = []
        for group in groups {
            let position = batchPosition[Int(group)]
            if position < 0 {
                batchPosition[Int(group)] = Int32(present.count)
                present.append(group)
                counts.append(1)
            } else {
                counts[Int(position)] += 1
            }
        }
        var starts = [Int32](repeating: 0, count: present.count + 1)
        for index in present.indices { starts[index + 1] = starts[index] + counts[index] }
        var fill = starts
        var order = [Int32](repeating: 0, count: groups.count)
        for (row, group) in groups.enumerated() {
            let position = Int(batchPosition[Int(group)])
            order[Int(fill[position])] = Int32(row)
            fill[position] += 1
        }
        for group in present { batchPosition[Int(group)] = -1 }
        for (index, group) in present.enumerated() {
            try route(batch, rows: Array(order[Int(starts[index])..<Int(starts[index + 1])]), slot: Int(group))
        }
    }

    /// Sends the rows (all when nil) of `batch` to the slot's file, opening it if it can, else to spill.
    private func route(_ batch: Batch, rows: [Int32]?, slot index: Int) throws {
        if slots[index].sink == nil && !slots[index].spilled {
            if sinks.count < limits.maxOpenFiles {
                try open(slot: index)
            } else {
                slots[index].spilled = true
            }
        }
        guard let sinkIndex = slots[index].sink else {
            try spillArea().write(rows.map { batch.gather($0) } ?? batch, file: index % limits.spillFiles)
            return
        }
        var data = Batch(columns: Array(batch.columns.prefix(dataCount)), count: batch.count)
        if let rows { data = data.gather(rows) }
        let sink = sinks[sinkIndex].sink
        try sink.write(data)
        sinks[sinkIndex].buffered = sink.bufferedBytes
        if Double(sink.estimatedFileBytes) * sizeRatio >= Double(limits.maxFileBytes) {
            try close(sinkIndex)
        }
        try keepWithinBudget()
    }

    private func open(slot index: Int) throws {
        let number = counter.next
        counter.next += 1
        let name = fileStem + "-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number) + format.fileExtension
        let folder = slots[index].path.isEmpty ? prefix : prefix + slots[index].path + "/"
        let schema = Schema(layout.dataFields)
        let sink: any FileSink
        switch format {
        case .parquet(let options):
            sink = try ParquetFileSink(store: store, key: folder + name, schema: schema, options: options, context: context)
        case .csv, .json:
            sink = try TextFileSink(store: store, key: folder + name, schema: schema, format: format)
        }
        slots[index].sink = sinks.count
        sinks.append(OpenFile(sink: sink, slot: index, name: name, buffered: 0))
    }

    /// Finishes one open file (the last of the array takes its place).
    /// Bytes a file came to per byte estimated while it was written (compression, mostly), from the
    /// last file closed: the next files are cut where the estimate times this reaches `maxFileBytes`.
    private var sizeRatio = 1.0

    private func close(_ sinkIndex: Int) throws {
        let file = sinks[sinkIndex]
        let estimate = file.sink.estimatedFileBytes
        let (rows, bytes, nullCounts) = try file.sink.close()
        // At most halved: a file whose data compressed unusually well must not make the next ones twice the size.
        if estimate > 1 << 16 { sizeRatio = min(1.5, max(0.5, Double(bytes) / Double(estimate))) }
        let slot = slots[file.slot]
        let written = WrittenFile(
            partitionPath: slot.path, name: file.name, partitionValues: slot.values, rows: rows, bytes: bytes, nullCounts: nullCounts)
        files.append(written)
        onFile?(written)
        slots[file.slot].sink = nil
        let last = sinks.count - 1
        if sinkIndex != last {
            sinks[sinkIndex] = sinks[last]
            slots[sinks[sinkIndex].slot].sink = sinkIndex
        }
        sinks.removeLast()
    }

    /// Writes out the largest buffers, each once, until the open files hold at most half the budget.
    private func keepWithinBudget() throws {
        var total = sinks.reduce(0) { $0 + $1.buffered } + (spill?.bufferedBytes ?? 0)
        guard total > limits.memoryBudget else { return }
        for index in sinks.indices.sorted(by: { sinks[$0].buffered > sinks[$1].buffered }) {
            guard total > limits.memoryBudget / 2, sinks[index].buffered > 0 else { break }
            try sinks[index].sink.flush()
            total -= sinks[index].buffered
            sinks[index].buffered = sinks[index].sink.bufferedBytes
            total += sinks[index].buffered
        }
        if total > limits.memoryBudget / 2 { try spill?.flush() }
    }

    private func spillArea() throws -> SpillArea {
        if let spill { return spill }
        let fields = layout.dataFields + zip(layout.partitionKeys, layout.partitionTypes).map { Field($0, $1) }
        let area = try SpillArea(
            schema: Schema(fields), rowGroupBytes: max(1 << 20, limits.memoryBudget / (4 * limits.spillFiles)))
        spill = area
        return area
    }

    /// Closes every file, writes the spilled partitions, and returns every file written.
    public func finish() throws -> [WrittenFile] {
        do {
            while !sinks.isEmpty { try close(sinks.count - 1) }
            if let spill {
                self.spill = nil
                defer { spill.remove() }
                for part in 0..<spill.fileCount {
                    guard let reader = try spill.reader(part) else { continue }
                    let nested = try PartitionedWriter(
                        store: store, prefix: prefix, layout: layout, format: format, fileStem: fileStem, limits: limits,
                        context: context, counter: counter)
                    nested.onFile = onFile
                    while let batch = try reader.next() { try nested.write(batch) }
                    files += try nested.finish()
                }
            }
            return files
        } catch {
            abort()
            throw error
        }
    }

    /// Abandons every open file and the spill.
    public func abort() {
        failed = true
        for file in sinks { file.sink.abort() }
        sinks = []
        spill?.remove()
        spill = nil
    }
}

#if canImport(Glibc)
import Glibc
#endif
