// What completion knows about the lake: its tables and their columns, learned from the catalog on the
// first Tab and kept until a statement runs (which may have changed the lake) or the lake changes.
import StrataLake
import StrataPlanner
import StrataStorage

final class LakeCompletionSource: CompletionSource {
    var session: LakeSession {
        didSet { forget() }
    }
    private var tables: [String]?
    private var columns: [String: [String]] = [:]

    init(session: LakeSession) {
        self.session = session
    }

    /// Forgets what was learned: the next Tab asks the lake again.
    func forget() {
        tables = nil
        columns.removeAll()
    }

    func tableNames() -> [String] {
        if let tables { return tables }
        let names = (try? session.catalog.tableLocations().map(\.name)) ?? []
        tables = names
        return names
    }

    func columnNames(of parts: [String]) -> [String] {
        let key = parts.joined(separator: ".")
        if let known = columns[key] { return known }
        var names: [String] = []
        if case .table(let handle)? = try? session.catalog.lookup(parts) {
            names = handle.columns.map(\.name)
        }
        columns[key] = names
        return names
    }

    var pathBase: String? {
        if case .local(let path) = session.location { return path }
        return nil
    }
}
