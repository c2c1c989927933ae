// Making a staged unit (a partition folder, or a whole table folder) visible in its target. Stores
// differ in what they can do at once, so each kind of store has its publisher: a local folder renames
// whole folders (atomic), an object store copies objects one by one. Every step is idempotent, because
// a run that was killed half-way is finished by the next one re-applying its record.

protocol UnitPublisher {
    /// Readies a staged unit before the commit point (a local publisher leaves a marker in it).
    func prepare(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws
    /// Makes the staged unit visible: its files replace or join what the target folder holds.
    func publish(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws
    /// Deletes the unit's target folder.
    func remove(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws
    /// Removes what publishing left in the target once every unit is published.
    func finish(_ unit: TransactionRecord.Unit, record: TransactionRecord) throws
    /// Whether anything exists below `prefix`.
    func exists(_ prefix: String) throws -> Bool
    /// Deletes everything below `prefix`.
    func deleteTree(_ prefix: String) throws
}

extension TransactionRecord {
    /// Key prefix (ending with `/`, or empty) of a unit's folder below `root`.
    static func folder(_ root: String, _ path: String) -> String {
        path.isEmpty ? root : root + path + "/"
    }
}
