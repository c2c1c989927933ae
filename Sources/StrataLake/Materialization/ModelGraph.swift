// The models of a folder and the order they run in. A model depends on the models whose tables its query
// reads; every other table it reads must already be in the lake. Duplicate names, cycles and missing
// tables are found here, before anything runs. `--select` narrows the run: `name`, `name+` (with what
// depends on it), `+name` (with what it depends on), `+name+`.
import Foundation
import StrataStorage

public struct ModelGraph: Sendable {
    /// Every model, in the order they run (dependencies first; ties by name).
    public let models: [Model]
    /// For each model (by position in `models`), the positions of the models it reads.
    public let dependencies: [[Int]]

    /// Reads every `.sql` file of `folder` (a local directory) as a model.
    public static func load(folder: String) throws -> [Model] {
        try modelFiles(in: folder).map { try Model(file: $0.path, text: $0.text) }
    }

    /// The `.sql` files below `folder` (hidden folders left out), in path order, with their text.
    static func modelFiles(in folder: String) throws -> [(path: String, text: String)] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LakeError("the models folder \(folder) does not exist")
        }
        guard let enumerator = manager.enumerator(atPath: folder) else { throw LakeError("cannot list the models folder \(folder)") }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".sql") && !ObjectKey.segments(relative).contains(where: { $0.hasPrefix(".") }) { paths.append(relative) }
        }
        guard !paths.isEmpty else { throw LakeError("the models folder \(folder) holds no .sql files") }
        return try paths.sorted().map { relative in
            let path = (folder as NSString).appendingPathComponent(relative)
            guard let data = manager.contents(atPath: path) else { throw LakeError("cannot read \(path)") }
            return (path, String(decoding: data, as: UTF8.self))
        }
    }

    /// Orders `models`; `tableExists` says whether a table that no model builds is in the lake.
    public init(models unordered: [Model], tableExists: (String) throws -> Bool) throws {
        var byName: [String: Int] = [:]
        for (index, model) in unordered.enumerated() {
            if let other = byName[model.name.lowercased()] {
                throw LakeError("\(unordered[other].file) and \(model.file) both build \(model.name)")
            }
            byName[model.name.lowercased()] = index
        }
        var missing: [String] = []
        var edges: [[Int]] = unordered.map { _ in [] }
        for (index, model) in unordered.enumerated() {
            for table in model.reads {
                if let producer = byName[table.lowercased()] {
                    if producer == index { throw LakeError("\(model.file): model \(model.name) reads its own table") }
                    if !edges[index].contains(producer) { edges[index].append(producer) }
                } else if try !tableExists(table) {
                    missing.append("\(model.file): \(model.name) reads \(table), which is neither a model nor a table of the lake")
                }
            }
        }
        guard missing.isEmpty else { throw LakeError(missing.joined(separator: "\n")) }

        // Kahn's algorithm, always taking the ready model with the smallest name, so the order is stable.
        var remaining = edges.map(\.count)
        var dependents: [[Int]] = unordered.map { _ in [] }
        for (index, producers) in edges.enumerated() { for producer in producers { dependents[producer].append(index) } }
        var ready = unordered.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            ready.sort { unordered[$0].name.lowercased() > unordered[$1].name.lowercased() }
            let next = ready.removeLast()
            order.append(next)
            for dependent in dependents[next] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.append(dependent) }
            }
        }
        guard order.count == unordered.count else {
            throw LakeError("the models form a cycle: " + ModelGraph.cycle(edges: edges, models: unordered, done: Set(order)))
        }
        var position: [Int: Int] = [:]
        for (newIndex, oldIndex) in order.enumerated() { position[oldIndex] = newIndex }
        models = order.map { unordered[$0] }
        dependencies = order.map { edges[$0].map { position[$0]! }.sorted() }
    }

    /// One cycle among the models not ordered, as `a → b → a` (a reads b, which reads a).
    private static func cycle(edges: [[Int]], models: [Model], done: Set<Int>) -> String {
        var start = models.indices.first { !done.contains($0) }!
        // Walk unordered dependencies until a model repeats: every unordered model has one.
        var path: [Int] = []
        var seen: [Int: Int] = [:]
        while seen[start] == nil {
            seen[start] = path.count
            path.append(start)
            start = edges[start].first { !done.contains($0) }!
        }
        let loop = path[seen[start]!...] + [start]
        return loop.map { models[$0].name }.joined(separator: " → ")
    }

    /// The positions of the models `selectors` name, in run order; an empty list selects every model.
    public func select(_ selectors: [String]) throws -> [Int] {
        guard !selectors.isEmpty else { return Array(models.indices) }
        var chosen = Set<Int>()
        for raw in selectors {
            for selector in raw.split(separator: ",").map({ $0.trimmed(" ") }) where !selector.isEmpty {
                let ancestors = selector.hasPrefix("+")
                let descendants = selector.hasSuffix("+")
                let name = String(selector.dropFirst(ancestors ? 1 : 0).dropLast(descendants ? 1 : 0))
                guard let index = models.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                    let names = models.map(\.name).joined(separator: ", ")
                    throw LakeError("--select \(selector): there is no model \(name) (the models are \(names))")
                }
                chosen.insert(index)
                if ancestors { chosen.formUnion(closure(of: index, along: dependencies)) }
                if descendants { chosen.formUnion(closure(of: index, along: dependents)) }
            }
        }
        return chosen.sorted()
    }

    /// For each model, the models that read it.
    public var dependents: [[Int]] {
        var result: [[Int]] = models.map { _ in [] }
        for (index, producers) in dependencies.enumerated() { for producer in producers { result[producer].append(index) } }
        return result
    }

    private func closure(of start: Int, along edges: [[Int]]) -> Set<Int> {
        var found = Set<Int>()
        var stack = [start]
        while let next = stack.popLast() {
            for neighbour in edges[next] where found.insert(neighbour).inserted { stack.append(neighbour) }
        }
        return found
    }
}
