// The planner layer: catalog, binder, logical plan and optimizer. Built with the query engine (issue 4).
