// Boolean logic over columns with SQL's three values: NOT, IS [NOT] NULL, the bookkeeping of lazy AND/OR,
// and picking the TRUE rows of a predicate.
import StrataCore

enum LogicKernel {
    static func not(_ input: Column) throws -> Column {
        try KernelRunner.run([input], resultType: .boolean, context: KernelContext.standalone(count: input.count)) {
            arguments, count, validity, _ in
            let values = arguments[0].fixed(UInt8.self)
            let result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
            for row in 0..<count { result[row] = values[row] ^ 1 }
            return result.finish()
        }
    }

    static func isNull(_ input: Column, negated: Bool) -> Column {
        let count = input.count
        if input.isConstant || input.type == .unknown {
            let isNull = input.isConstantNull
            return Column.constant(.boolean(isNull != negated), .boolean, count: count)
        }
        let result = FixedResult<UInt8>(.boolean, count: count, validity: nil)
        let match: UInt8 = negated ? 0 : 1
        if input.validity == nil {
            result.values.initialize(repeating: match ^ 1, count: count)
        } else {
            for row in 0..<count { result[row] = input.isNull(row) ? match : match ^ 1 }
        }
        return result.finish()
    }

    /// Positions of `predicate` (a BOOLEAN column) that are TRUE.
    static func trueRows(_ predicate: Column) -> [Int32] {
        let count = predicate.count
        switch predicate.storage {
        case .constant(let single):
            return single.value(at: 0) == .boolean(true) ? Array(0..<Int32(count)) : []
        case .dictionary(let indices, let dictionary):
            // Decide once per entry, then per row by index.
            let entries = trueRows(dictionary)
            var isTrue = [Bool](repeating: false, count: dictionary.count)
            for entry in entries { isTrue[Int(entry)] = true }
            let index = indices.baseAddress.assumingMemoryBound(to: Int32.self)
            var rows: [Int32] = []
            for row in 0..<count where isTrue[Int(index[row])] && !predicate.isNull(row) { rows.append(Int32(row)) }
            return rows
        default:
            break
        }
        let values = predicate.fixedValues(as: UInt8.self)
        let validity = predicate.validity
        return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            var written = 0
            if let validity {
                for row in 0..<count {
                    buffer[written] = Int32(truncatingIfNeeded: row)
                    written &+= Int(unsafeBitCast(values[row] != 0 && validity.isSet(row), to: UInt8.self))
                }
            } else {
                for row in 0..<count {
                    buffer[written] = Int32(truncatingIfNeeded: row)
                    written &+= Int(unsafeBitCast(values[row] != 0, to: UInt8.self))
                }
            }
            initialized = written
        }
    }

    /// `positions` split into the entries at `indices` (ascending indices into `positions`) and the rest.
    static func split(_ positions: [Int32], at indices: [Int32]) -> (taken: [Int32], left: [Int32]) {
        if indices.isEmpty { return ([], positions) }
        let count = positions.count
        var isTaken = [UInt8](repeating: 0, count: count)
        isTaken.withUnsafeMutableBufferPointer { flags in
            for index in indices { flags[Int(index)] = 1 }
        }
        // Both outputs are written every step and only the right one advances: no branch to mispredict.
        // One slot of slack each absorbs the write past the end.
        var taken = [Int32](repeating: 0, count: indices.count + 1)
        var left = [Int32](repeating: 0, count: count - indices.count + 1)
        positions.withUnsafeBufferPointer { positions in
            isTaken.withUnsafeBufferPointer { flags in
                taken.withUnsafeMutableBufferPointer { taken in
                    left.withUnsafeMutableBufferPointer { left in
                        var next = 0
                        var kept = 0
                        for index in 0..<count {
                            let position = positions[index]
                            let step = Int(flags[index])
                            taken[next] = position
                            left[kept] = position
                            next &+= step
                            kept &+= 1 &- step
                        }
                    }
                }
            }
        }
        taken.removeLast()
        left.removeLast()
        return (taken, left)
    }

    /// Folds one operand of a lazy AND (`decisive` 0) or OR (`decisive` 1) into the running outcome.
    /// `result` has one row per position in `open`; positions that reach the decisive value leave `open`.
    static func absorb(
        _ result: Column, positions: [Int32], decisive: UInt8, outcome: inout [UInt8], isNull: inout [Bool],
        open: inout [Int32]
    ) {
        let argument = KernelArgument(result)
        if argument.isConstant && argument.column.isNull(0) || result.type == .unknown {
            for position in positions { isNull[Int(position)] = true }
            return
        }
        let values = argument.fixed(UInt8.self)
        let validity = argument.validity
        var stillOpen: [Int32] = []
        stillOpen.reserveCapacity(positions.count)
        for (index, position) in positions.enumerated() {
            let target = Int(position)
            if let validity, !validity.isSet(index) {
                isNull[target] = true
                stillOpen.append(position)
            } else if (values[index] != 0 ? 1 : 0) == decisive {
                outcome[target] = decisive
                isNull[target] = false
            } else {
                stillOpen.append(position)
            }
        }
        open = stillOpen
    }

    /// A BOOLEAN column from values and NULL flags.
    static func booleanColumn(_ values: [UInt8], isNull: [Bool]) -> Column {
        let count = values.count
        var validity: Bitmap?
        if isNull.contains(true) {
            let bitmap = Bitmap(count: count, allSet: true)
            for (row, null) in isNull.enumerated() where null { bitmap.clear(row) }
            validity = bitmap
        }
        return Column(type: .boolean, count: count, values: Buffer(values), validity: validity)
    }

    /// Three-valued OR of two BOOLEAN columns, both evaluated on every row.
    static func or(_ a: Column, _ b: Column) -> Column {
        let count = a.count
        let left = KernelArgument(a)
        let right = KernelArgument(b)
        let leftNull = left.isConstant && left.column.isNull(0) || a.type == .unknown
        let rightNull = right.isConstant && right.column.isNull(0) || b.type == .unknown
        var outcome = [UInt8](repeating: 0, count: count)
        var isNull = [Bool](repeating: false, count: count)
        let leftValues = leftNull ? nil : left.fixed(UInt8.self)
        let rightValues = rightNull ? nil : right.fixed(UInt8.self)
        for row in 0..<count {
            let leftKnown = !leftNull && !(left.validity.map { !$0.isSet(row) } ?? false)
            let rightKnown = !rightNull && !(right.validity.map { !$0.isSet(row) } ?? false)
            let leftTrue = leftKnown && leftValues![row] != 0
            let rightTrue = rightKnown && rightValues![row] != 0
            if leftTrue || rightTrue {
                outcome[row] = 1
            } else if !leftKnown || !rightKnown {
                isNull[row] = true
            }
        }
        return booleanColumn(outcome, isNull: isNull)
    }
}

extension KernelContext {
    /// A context for kernels that cannot fail, outside any scope.
    static func standalone(count: Int) -> KernelContext {
        KernelContext(scope: EvaluationScope(batch: Batch(count: count)), failures: nil)
    }
}
