// Function calls and their trimmings: DISTINCT, `*`, ORDER BY inside the call, FILTER (WHERE ...),
// IGNORE/RESPECT NULLS, OVER windows with frames; and the special forms Trino rewrites into plain calls:
// `substring(s FROM a FOR b)`, `position(a IN b)`, `trim([BOTH|LEADING|TRAILING] [c] FROM s)`.

extension Parser {
    /// The call after `name(`; `start` is the name's first token.
    mutating func parseFunctionCall(name: QualifiedName, start: Token, firstArgument: Expression? = nil)
        throws(SQLError) -> Expression
    {
        try enterNesting()
        defer { leaveNesting() }
        var call = FunctionCall(name: name)
        if let firstArgument {
            call.arguments.append(firstArgument)
            while try accept(.comma) { call.arguments.append(try parseArgument()) }
        } else if at(.star) {
            try advance()
            call.isStar = true
        } else if !at(.rightParen) {
            if try accept(.distinct) {
                call.isDistinct = true
            } else {
                _ = try accept(.all)
            }
            call.arguments.append(try parseArgument())
            while try accept(.comma) { call.arguments.append(try parseArgument()) }
        }
        if !call.arguments.isEmpty && at(.order) {
            try advance()
            try expect(.by)
            call.orderBy = try parseOrderItems()
        }
        try expect(.rightParen, call.isStar ? "')'" : "',' or ')'")

        if at(.filter) && peek().kind == .leftParen {
            try advance()
            try advance()
            try expect(.where)
            call.filter = try parseExpression()
            try expect(.rightParen, "')'")
        }
        if (at(.ignore) || at(.respect)) && peek().keyword == .nulls {
            call.nullTreatment = try advance().keyword == .ignore ? .ignoreNulls : .respectNulls
            try advance()
            guard at(.over) else { throw expected("OVER (IGNORE/RESPECT NULLS applies to window functions)") }
        }
        if try accept(.over) {
            call.window = try parseWindowReference()
        }
        return Expression(.function(call), range: range(from: start))
    }

    private mutating func parseArgument() throws(SQLError) -> Expression {
        let argument = try parseExpression()
        if at(.arrow) {
            throw unsupported(
                "named arguments (name => value) are only for table functions in FROM, such as read_parquet",
                at: current)
        }
        return argument
    }

    /// After OVER: a window name or `(specification)`.
    private mutating func parseWindowReference() throws(SQLError) -> WindowReference {
        if isIdentifier(current) && !at(.leftParen) {
            return .named(try parseIdentifier("a window name"))
        }
        guard at(.leftParen) else { throw expected("a window name or '('") }
        return .specification(try parseWindowSpecification())
    }

    /// `( [existing] [PARTITION BY ...] [ORDER BY ...] [frame] )`.
    mutating func parseWindowSpecification() throws(SQLError) -> WindowSpecification {
        let start = try expect(.leftParen)
        try enterNesting()
        defer { leaveNesting() }
        var specification = WindowSpecification()
        if isIdentifier(current) {
            switch current.keyword {
            case .partition, .order, .rows, .range, .groups: break
            default: specification.existingWindow = try parseIdentifier("a window name")
            }
        }
        if try accept(.partition) {
            try expect(.by)
            specification.partitionBy.append(try parseExpression())
            while try accept(.comma) { specification.partitionBy.append(try parseExpression()) }
        }
        if try accept(.order) {
            try expect(.by)
            specification.orderBy = try parseOrderItems()
        }
        if at(.rows) || at(.range) || at(.groups) {
            specification.frame = try parseWindowFrame()
        }
        guard at(.rightParen) else {
            throw expected("')' to close the window", suggesting: ["PARTITION", "ORDER", "ROWS", "RANGE", "GROUPS"])
        }
        try advance()
        specification.range = range(from: start)
        return specification
    }

    private mutating func parseWindowFrame() throws(SQLError) -> WindowFrame {
        let start = try advance()
        let unit: WindowFrame.Unit = start.keyword == .rows ? .rows : start.keyword == .range ? .range : .groups
        if try accept(.between) {
            let low = try parseFrameBound()
            try expect(.and)
            let high = try parseFrameBound()
            return WindowFrame(unit: unit, start: low, end: high, range: range(from: start))
        }
        let bound = try parseFrameBound()
        return WindowFrame(unit: unit, start: bound, end: nil, range: range(from: start))
    }

    private mutating func parseFrameBound() throws(SQLError) -> FrameBound {
        let start = current
        if at(.unbounded) {
            try advance()
            if try accept(.preceding) { return FrameBound(.unboundedPreceding, range: range(from: start)) }
            if try accept(.following) { return FrameBound(.unboundedFollowing, range: range(from: start)) }
            throw expected("PRECEDING or FOLLOWING", suggesting: ["PRECEDING", "FOLLOWING"])
        }
        if at(.current) && peek().keyword == .row {
            try advance()
            try advance()
            return FrameBound(.currentRow, range: range(from: start))
        }
        let offset = try parseValue(0)
        if try accept(.preceding) { return FrameBound(.preceding(offset), range: range(from: start)) }
        if try accept(.following) { return FrameBound(.following(offset), range: range(from: start)) }
        throw expected("PRECEDING or FOLLOWING", suggesting: ["PRECEDING", "FOLLOWING"])
    }

    // MARK: Special forms

    /// `position(a IN b)` → `strpos(b, a)`.
    mutating func parsePosition() throws(SQLError) -> Expression {
        let start = try advance()
        try advance()  // (
        try enterNesting()
        defer { leaveNesting() }
        let needle = try parseValue(0)
        try expect(.in)
        let haystack = try parseValue(0)
        try expect(.rightParen, "')'")
        let name = QualifiedName([Identifier("strpos", range: start.range)])
        return Expression(.function(FunctionCall(name: name, arguments: [haystack, needle])), range: range(from: start))
    }

    /// `substring(s FROM a [FOR b])` → `substring(s, a[, b])`; `substring(s, a[, b])` is an ordinary call.
    mutating func parseSubstring() throws(SQLError) -> Expression {
        let start = try advance()
        try advance()  // (
        let name = QualifiedName([Identifier("substring", range: start.range)])
        if at(.rightParen) || at(.star) || at(.distinct) || at(.all) {
            return try parseFunctionCall(name: name, start: start)
        }
        try enterNesting()
        defer { leaveNesting() }
        let value = try parseExpression()
        guard try accept(.from) else {
            return try parseFunctionCall(name: name, start: start, firstArgument: value)
        }
        var arguments = [value, try parseValue(0)]
        if try accept(.for) { arguments.append(try parseValue(0)) }
        try expect(.rightParen, "')'")
        return Expression(.function(FunctionCall(name: name, arguments: arguments)), range: range(from: start))
    }

    /// `trim([BOTH|LEADING|TRAILING] [chars] FROM s)`, `trim(s)`, `trim(s, chars)` → `trim|ltrim|rtrim(s[, chars])`.
    mutating func parseTrim() throws(SQLError) -> Expression {
        let start = try advance()
        try advance()  // (
        try enterNesting()
        defer { leaveNesting() }
        var function = "trim"
        var specified = false
        if at(.both) || at(.leading) || at(.trailing) {
            let keyword = try advance().keyword
            function = keyword == .leading ? "ltrim" : keyword == .trailing ? "rtrim" : "trim"
            specified = true
        }
        var source: Expression
        var characters: Expression?
        if try accept(.from) {
            source = try parseValue(0)
        } else {
            let first = try parseValue(0)
            if try accept(.from) {
                characters = first
                source = try parseValue(0)
            } else if !specified && at(.comma) {
                try advance()
                source = first
                characters = try parseValue(0)
            } else if !specified {
                source = first
            } else {
                throw expected("FROM", suggesting: ["FROM"])
            }
        }
        try expect(.rightParen, "')'")
        let name = QualifiedName([Identifier(function, range: start.range)])
        let arguments = characters.map { [source, $0] } ?? [source]
        return Expression(.function(FunctionCall(name: name, arguments: arguments)), range: range(from: start))
    }
}
