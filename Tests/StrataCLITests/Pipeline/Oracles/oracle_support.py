"""What the domains' oracles share: the output names of a check's Strata query, and the test for a value that
does not cast (the ingestion rule type(column)). The oracles import it from their own folder."""


def bad_cast(raw, typed):
    """SQL that is true where the raw text is there but its typed value is not: the row fails rule type(column)."""
    return f"({raw} IS NOT NULL AND {typed} IS NULL)"


def strata_column_names(sql):
    """The output names of strata_sql's select list (`expr AS name` or a plain or qualified column)."""
    body = sql[len("SELECT "):]
    depth, start, items = 0, 0, []
    upper = body.upper()
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch == ",":
            items.append(body[start:i])
            start = i + 1
        elif depth == 0 and upper.startswith(" FROM ", i):
            items.append(body[start:i])
            break
    names = []
    for item in items:
        item = item.strip()
        if " AS " in item.upper() and not item.endswith(")"):
            names.append(item[item.upper().rindex(" AS ") + 4:].strip())
        else:
            names.append(item.split(".")[-1])
    return names
