// The execution layer: physical plan and vectorized operators. Built with the query engine (issue 4).
