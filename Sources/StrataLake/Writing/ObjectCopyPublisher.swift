// Publishing on an object store (S3), which cannot rename: each staged object is copied to its place
// server-side (CopyObject; the bytes do not travel), then — when the unit replaces its folder — the
// objects the unit does not contain are deleted. Each object appears whole; a unit of one file, the usual
// case, appears at once. Readers that list during the few milliseconds between the copies and the
// deletes of a replaced unit can see both versions; a run killed there is finished by the next one.
import StrataStorage

struct ObjectCopyPublisher: UnitPublisher {
    let store: any ObjectStore

    func prepare(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {}

    func publish(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {
        let staged = TransactionRecord.folder(record.stagingPrefix, unit.path)
        let target = TransactionRecord.folder(record.targetPrefix, unit.path)
        let present = Set(try store.list(prefix: staged, delimiter: nil).objects.map(\.key))
        for file in unit.files where present.contains(staged + file) {
            try store.copy(from: staged + file, to: target + file)
        }
        if unit.replace {
            let keep = Set(unit.files.map { target + $0 })
            let old = try store.list(prefix: target, delimiter: nil).objects.map(\.key).filter {
                !keep.contains($0) && !$0.hasPrefix(record.controlPrefix)
            }
            try store.delete(old)
        }
    }

    func remove(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {
        try deleteTree(TransactionRecord.folder(record.targetPrefix, unit.path))
    }

    func finish(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws {}

    func exists(_ prefix: String) throws -> Bool {
        let listing = try store.list(prefix: prefix, delimiter: "/")
        return !listing.objects.isEmpty || !listing.commonPrefixes.isEmpty
    }

    func deleteTree(_ prefix: String) throws {
        guard !prefix.isEmpty else { return }
        try store.delete(try store.list(prefix: prefix, delimiter: nil).objects.map(\.key))
    }
}
