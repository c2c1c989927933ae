// Runs a kernel over evaluated arguments, taking care of what every kernel would otherwise repeat: a NULL
// constant argument makes the result NULL, constant arguments are computed once, and a function of one
// dictionary-encoded argument is computed once per dictionary entry instead of once per row.
import StrataCore

/// A kernel loop: the arguments (plain or constant), the number of rows, the rows whose inputs are all
/// present, and where failures go. Returns a plain column of that many rows.
typealias Kernel = (_ arguments: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column

enum KernelRunner {
    /// Applies `kernel` to `arguments` (each with `context.scope.count` rows).
    /// - Parameters:
    ///   - propagatesNulls: a NULL argument makes the result NULL (true for nearly every function).
    ///   - perEntry: the function may be computed per dictionary entry (deterministic, no row context).
    static func run(
        _ arguments: [Column], resultType: DataType, context: KernelContext, propagatesNulls: Bool = true,
        perEntry: Bool = true, _ kernel: Kernel
    ) throws -> Column {
        let count = context.scope.count
        if propagatesNulls && arguments.contains(where: { $0.isConstantNull }) {
            return Column.nulls(resultType, count: count)
        }
        let constant = arguments.allSatisfy(\.isConstant)
        if constant && count != 1 {
            let single: Column
            do {
                single = try kernel(arguments.map(KernelArgument.init), 1, ResultValidity(nil, count: 1), context.throwing)
            } catch let error as ExecutionError where error.isCaughtByTry && context.collectsFailures {
                try context.failAll(error)
                return Column.nulls(resultType, count: count)
            }
            return Column.constant(single, count: count)
        }
        if perEntry, let result = try runOnDictionary(arguments, count: count, context: context, kernel) {
            return result
        }
        let prepared = arguments.map(KernelArgument.init)
        let (validity, owned) = propagatesNulls
            ? ValidityMask.and(prepared.map(\.validity), count: count) : (nil, false)
        return try kernel(prepared, count, ResultValidity(validity, count: count, owned: owned), context)
    }

    /// The result computed on the dictionary of the one non-constant argument, if there is exactly one, it
    /// is dictionary-encoded, its dictionary is not larger than the batch, and no entry fails (an entry no
    /// row uses must not raise an error, so failures fall back to the row-by-row path).
    private static func runOnDictionary(
        _ arguments: [Column], count: Int, context: KernelContext, _ kernel: Kernel
    ) throws -> Column? {
        var varying: Int?
        for (index, argument) in arguments.enumerated() where !argument.isConstant {
            if varying != nil { return nil }
            varying = index
        }
        guard let varying, case .dictionary(let indices, let dictionary) = arguments[varying].storage,
            dictionary.count <= count
        else { return nil }
        var prepared = arguments.map { $0.isConstant ? KernelArgument($0) : KernelArgument(dictionary) }
        prepared[varying] = KernelArgument(dictionary)
        let entries: Column
        do {
            entries = try kernel(prepared, dictionary.count, ResultValidity(nil, count: dictionary.count), context.throwing)
        } catch let error as ExecutionError where error.isCaughtByTry {
            return nil
        }
        let outer = arguments[varying].validity
        guard let entryValidity = entries.validity else {
            return Column(type: entries.type, count: count, validity: outer, storage: .dictionary(indices: indices, dictionary: entries))
        }
        // Entries that became NULL make their rows NULL.
        let validity = Bitmap(count: count, allSet: true)
        let index = indices.baseAddress.assumingMemoryBound(to: Int32.self)
        for row in 0..<count where !(outer?.isSet(row) ?? true) || !entryValidity.isSet(Int(index[row])) {
            validity.clear(row)
        }
        return Column(type: entries.type, count: count, validity: validity, storage: .dictionary(indices: indices, dictionary: entries))
    }
}

extension Column {
    /// Whether every row holds the same value (constant storage).
    var isConstant: Bool {
        if case .constant = storage { return true }
        return false
    }

    /// Whether the column is a constant NULL.
    var isConstantNull: Bool {
        if case .constant(let single) = storage { return single.isNull(0) }
        return type == .unknown
    }
}
