// Helpers for the writing tests: a session on a temporary lake, statements run to completion, rows as
// values.
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
@testable import StrataLake

struct WriteTestLake {
    let folder: TemporaryDirectory
    var path: String { folder.path }
    var store: LocalObjectStore { LocalObjectStore(root: folder.path) }

    init(_ label: String = "strata-write") throws {
        folder = try TemporaryDirectory(label)
    }

    func session() throws -> LakeSession {
        try LakeSession(location: .local(path: folder.path))
    }

    /// Runs statements in one session; returns the rows of the last one (or its text as one row).
    @discardableResult
    func run(_ sql: String) throws -> [[Value]] {
        let session = try session()
        var last: [[Value]] = []
        for statement in try SQLParser.parse(sql) {
            switch try session.run(statement) {
            case .rows(let result):
                last = try result.drain().flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
            case .text(let text): last = [[.varchar(text)]]
            case .message(let text): last = [[.varchar(text)]]
            }
        }
        return last
    }

    /// Every file below `prefix`, relative to the lake.
    func files(_ prefix: String = "") throws -> [String] {
        try store.list(prefix: prefix, delimiter: nil).objects.map(\.key)
    }
}
