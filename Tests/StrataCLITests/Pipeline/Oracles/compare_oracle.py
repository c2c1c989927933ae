"""compare_oracle.py STRATA LAKE < ORACLE_JSON: runs each oracle check's `strata_sql` on LAKE through Strata and
compares the rows with the oracle's, which DuckDB computed straight from the bronze files. Prints one line per
check and exits 1 if any differs. Numbers compare exactly, but for doubles, which may differ in the last bits
(summation order): relative 1e-9."""
import csv, io, json, math, subprocess, sys

strata, lake = sys.argv[1], sys.argv[2]
checks = json.load(sys.stdin)["checks"]


def same(expected, text):
    if expected is None:
        return text == ""
    if isinstance(expected, bool):
        return text == ("true" if expected else "false")
    if isinstance(expected, int):
        return text.lstrip("-").isdigit() and int(text) == expected
    if isinstance(expected, float):
        try:
            value = float(text)
        except ValueError:
            return False
        return math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-9)
    return text == str(expected)


bad = 0
for check in checks:
    run = subprocess.run([strata, "query", "--lake", lake, "--format", "csv", check["strata_sql"]], capture_output=True, text=True)
    if run.returncode != 0:
        print("FAIL", check["name"], run.stderr.strip())
        bad += 1
        continue
    rows = list(csv.reader(io.StringIO(run.stdout)))
    header, body = rows[0], rows[1:]
    problems = []
    if [h.lower() for h in header] != [c.lower() for c in check["columns"]]:
        problems.append(f"columns {header} vs {check['columns']}")
    if len(body) != len(check["rows"]):
        problems.append(f"{len(body)} rows vs the oracle's {len(check['rows'])}")
    for index, (got, expected) in enumerate(zip(body, check["rows"])):
        if len(got) != len(expected) or not all(same(e, g) for e, g in zip(expected, got)):
            problems.append(f"row {index}: strata {got}, oracle {expected}")
            if len(problems) > 4:
                break
    if problems:
        bad += 1
        print("FAIL", check["name"], "|", check["strata_sql"])
        for problem in problems:
            print("   ", problem)
    else:
        print("ok  ", check["name"], len(body))
print(f"{len(checks) - bad}/{len(checks)} checks match")
sys.exit(1 if bad else 0)
