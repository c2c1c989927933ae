// One rewrite of the logical plan that keeps its results the same. Each rule lives in its own file under
// `Rules/` and reports whether it changed anything, so the optimizer can stop when nothing does.

public protocol OptimizerRule {
    var name: String { get }
    /// The rewritten plan, or nil when the rule does not apply anywhere.
    func rewrite(_ plan: LogicalPlan) throws -> LogicalPlan?
}
