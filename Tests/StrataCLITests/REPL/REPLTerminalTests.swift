// The REPL driven through a pseudo-terminal (pexpect), as a person uses it: line editing, completion,
// statements over several lines, Ctrl-C, history across sessions, errors, dot commands and the box
// table; and batch mode with piped input. Every wait is for text on the screen with a generous timeout,
// never for a time, so a loaded machine only makes the tests slower.
import Foundation
import StrataTestSupport
import Testing

@Suite(.serialized) struct REPLTerminalTests {
    /// A lake with a partitioned table, a 3,000-row table (long results, a slow cross join) and, beside
    /// it, a second lake for `.lake`.
    static func lake(in folder: TemporaryDirectory) throws -> String {
        let path = folder.file("lake")
        try Python.run("""
            import sys, os, decimal, pyarrow as pa, pyarrow.parquet as pq
            root, other = sys.argv[1], sys.argv[2]
            for day, rows in [('2024-03-01', [(1, 'a, b', '1.50'), (2, None, '-0.05')]), ('2024-03-02', [(3, 'c', None)])]:
                os.makedirs(f'{root}/silver/events/event_date={day}')
                pq.write_table(pa.table({
                    'event_id': pa.array([r[0] for r in rows], pa.int64()),
                    'label': pa.array([r[1] for r in rows], pa.string()),
                    'amount': pa.array([decimal.Decimal(r[2]) if r[2] else None for r in rows], pa.decimal128(10, 2)),
                }), f'{root}/silver/events/event_date={day}/part-0.parquet')
            os.makedirs(f'{root}/bronze/numbers')
            pq.write_table(pa.table({'n': pa.array(range(3000), pa.int64())}), f'{root}/bronze/numbers/numbers.parquet')
            os.makedirs(f'{other}/gold/daily')
            pq.write_table(pa.table({'day': pa.array([1], pa.int64())}), f'{other}/gold/daily/daily.parquet')
            """, arguments: [path, folder.file("other")])
        return path
    }

    /// Runs a pexpect scenario (Python) after the shared helpers, with `LAKE`, `OTHER` and `HOME` set.
    static func scenario(_ body: String) throws {
        let folder = try TemporaryDirectory()
        let lake = try lake(in: folder)
        let home = folder.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Python.run(prelude + body, arguments: [StrataExecutable.path, lake, folder.file("other"), home])
    }

    static let prelude = #"""
        import atexit, os, re, sys, signal, subprocess, pexpect
        STRATA, LAKE, OTHER, HOME = sys.argv[1:5]
        ENV = dict(os.environ, HOME=HOME, NO_COLOR='1', TERM='xterm', LANG='C.UTF-8', SWIFT_BACKTRACE='enable=no')
        ENV.pop('STRATA_LAKE', None)
        ENV.pop('COLUMNS', None)
        TIMEOUT = int(os.environ.get('STRATA_PTY_TIMEOUT', '180'))
        CONTROL = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\r')

        def clean(text):
            return CONTROL.sub('', text)

        def check(condition, message):
            if not condition:
                raise AssertionError(message)

        def contains(text, part):
            check(part in text, f'expected {part!r} in:\n{text}')

        def lacks(text, part):
            check(part not in text, f'did not expect {part!r} in:\n{text}')

        SESSIONS = []

        @atexit.register
        def end_sessions():
            """A failed check must not leave a statement running."""
            for child in SESSIONS:
                if child.isalive():
                    child.terminate(force=True)

        class Session:
            def __init__(self, *args, width=100, lake=LAKE):
                self.child = pexpect.spawn(STRATA, ['--lake', lake, *args], env=ENV, dimensions=(40, width),
                                           encoding='utf-8', timeout=TIMEOUT)
                SESSIONS.append(self.child)
                self.banner = self.prompt()

            def prompt(self):
                """Waits for the main prompt; returns what was shown before it."""
                return self.wait('strata> ')

            def continuation(self):
                return self.wait('   ...> ')

            def run(self, line):
                """Types a line and Enter; returns what was shown until the next prompt."""
                self.child.send(line + '\r')
                return self.prompt()

            def send(self, text):
                self.child.send(text)

            def wait(self, text):
                try:
                    self.child.expect_exact(text)
                except pexpect.TIMEOUT:
                    raise AssertionError(f'waited for {text!r}; the screen shows:\n{self.child.before!r}')
                return clean(self.child.before)

            def quit(self):
                """Ctrl-D; the session ends with status 0."""
                self.child.sendeof()
                self.child.expect(pexpect.EOF)
                self.child.close()
                check(self.child.exitstatus == 0, f'exit status {self.child.exitstatus}, signal {self.child.signalstatus}')

        """#

    @Test func editingAndStatementsOverLines() throws {
        try Self.scenario(#"""
            s = Session()
            contains(s.banner, 'lake ' + LAKE)
            # Ctrl-A to the start, Ctrl-E to the end, Backspace.
            s.send('ELECT 41 + 1 AS answerx')
            s.send('\x01S\x05\x7f;\r')
            out = s.prompt()
            check(re.search(r'│\s+answer │', out), out)
            check(re.search(r'│\s+42 │', out), out)
            contains(out, '1 row')
            # A statement over three lines, with the continuation prompt.
            s.send('SELECT 1 AS a,\r')
            s.continuation()
            s.send("  'two' AS b\r")
            s.continuation()
            out = s.run(';')
            check(re.search(r'│ two\s+│', out), out)
            # Two statements on one line run; the unfinished third waits for its ';'.
            s.send('SELECT 1 AS first; SELECT 2 AS second; SELECT 3\r')
            out = s.continuation()
            contains(out, 'first')
            contains(out, 'second')
            out = s.run('AS third;')
            contains(out, 'third')
            # A comment alone does not wait for more.
            s.run('-- nothing to run')
            s.quit()
            """#)
    }

    @Test func tabCompletion() throws {
        try Self.scenario(#"""
            s = Session()
            s.send('sel\t')
            s.wait('select ')
            s.send('* FROM silver.ev\t')
            s.wait('silver.events ')
            s.send('WHERE amo\t')
            s.wait('amount ')
            out = s.run('IS NOT NULL;')
            contains(out, '2 rows')
            # Columns through an alias; functions with their parenthesis.
            s.send('SELECT date_tr\t')
            s.wait('date_trunc(')
            out = s.run("'month', DATE '2024-03-05') AS m;")
            contains(out, '2024-03-01')
            s.send('SELECT * FROM silver.events e WHERE e.la\t')
            s.wait('e.label ')
            out = s.run('IS NULL;')
            contains(out, '1 row')
            # A column before its table: typed at the start of a line that already names it.
            s.send(' FROM silver.events WHERE event_id = 3;')
            s.send('\x01SELECT lab\t')
            out = s.run('')
            check(re.search(r'│ label\s+│', out), out)
            check(re.search(r'│ c\s+│', out), out)
            # The table on an earlier line of the statement.
            s.send('SELECT count(*) AS n\r')
            s.continuation()
            s.send('  FROM silver.events\r')
            s.continuation()
            s.send('  WHERE lab\t')
            s.wait('label ')
            out = s.run('IS NULL;')
            check(re.search(r'│\s+1 │', out), out)
            # File paths inside quotes, relative to the lake.
            s.send("SELECT count(*) AS n FROM read_parquet('silver/ev\t")
            s.wait('silver/events/')
            s.send('event_date=2024-03-02/\t')
            s.wait("part-0.parquet'")
            out = s.run(');')
            check(re.search(r'│\s+1 │', out), out)
            # Two candidates: the second Tab lists them.
            s.send('SELECT * FROM silver.events WHERE event_\t\t')
            s.wait('event_date')
            s.wait('event_id')
            s.wait('WHERE event_')
            s.send('\x03')
            s.wait('^C')
            s.prompt()
            # Dot commands and their arguments.
            s.send('.sch\t')
            s.wait('.schema ')
            s.send('silver.ev\t')
            s.wait('silver.events ')
            out = s.run('')
            contains(out, 'CREATE EXTERNAL TABLE silver.events')
            s.send('.mode mark\t')
            s.wait('markdown ')
            out = s.run('')
            out = s.run('SELECT 1 AS x;')
            contains(out, '| x |')
            s.quit()
            """#)
    }

    @Test func controlCCancelsOrClears() throws {
        try Self.scenario(#"""
            s = Session()
            # Ctrl-C clears the line being typed...
            s.send('SELECT this is not finished')
            s.send('\x03')
            s.wait('^C')
            s.prompt()
            # ... and a statement over several lines.
            s.send('SELECT 1 AS dropped,\r')
            s.continuation()
            s.send('\x03')
            s.wait('^C')
            s.prompt()
            out = s.run('SELECT 5 AS five;')
            contains(out, 'five')
            lacks(out, 'dropped')
            # Ctrl-C cancels a running statement; the progress line shows it is running.
            s.send('SELECT count(*) FROM bronze.numbers a, bronze.numbers b, bronze.numbers c;\r')
            s.child.expect(r'(files|running) · ')
            s.child.sendintr()
            out = s.prompt()
            contains(out, 'query cancelled')
            out = s.run('SELECT 6 AS six;')
            check(re.search(r'│\s+6 │', out), out)
            s.quit()
            """#)
    }

    @Test func keysTypedWhileAStatementRunsWait() throws {
        try Self.scenario(#"""
            s = Session()
            # Typed while the first statement runs: the next statement, then Ctrl-D. Both wait for the prompt.
            s.send("SELECT count(*) AS pairs FROM bronze.numbers a, bronze.numbers b WHERE a.n < 300;\r")
            s.send('SELECT 14 AS fourteen;\r')
            s.child.sendeof()
            s.wait('900000')
            s.wait('fourteen')
            s.child.expect(pexpect.EOF)
            s.child.close()
            check(s.child.exitstatus == 0, s.child.exitstatus)

            # The terminal is given back as it was.
            child = pexpect.spawn('/bin/sh', ['-c', f'"{STRATA}" --lake "{LAKE}"; stty -a'], env=ENV, encoding='utf-8',
                                  timeout=TIMEOUT)
            child.expect_exact('strata> ')
            child.sendeof()
            child.expect(pexpect.EOF)
            settings = child.before.split()
            for flag in ('icanon', 'echo', 'icrnl', 'isig'):
                check(flag in settings, f'{flag} missing: {child.before}')
            """#)
    }

    @Test func historyIsKeptAcrossSessions() throws {
        try Self.scenario(#"""
            s = Session()
            s.run('SELECT 11 AS eleven;')
            s.send('SELECT 12\r')
            s.continuation()
            s.run('AS twelve;')
            s.run('.timer off')
            # Saved as the session goes, before it ends.
            entries = open(os.path.join(HOME, '.strata_history')).read().split('\n')
            check(entries == ['SELECT 11 AS eleven;', 'SELECT 12\x01AS twelve;', '.timer off', ''], entries)
            s.quit()

            s = Session()
            # Up twice: the statement over two lines, as one entry.
            s.send('\x1b[A\x1b[A')
            s.wait('AS twelve;')
            s.send('\r')
            s.wait('│      12 │')
            s.prompt()
            # Ctrl-R searches backwards (accepting redraws the prompt, so wait for the result itself).
            s.send('\x12eleven')
            s.wait('SELECT 11 AS ')
            s.send('\r')
            s.wait('│      11 │')
            s.prompt()
            s.quit()
            entries = open(os.path.join(HOME, '.strata_history')).read().split('\n')
            check(entries[-3:] == ['SELECT 12\x01AS twelve;', 'SELECT 11 AS eleven;', ''], entries)
            """#)
    }

    @Test func errorsShowTheLineAndACaret() throws {
        try Self.scenario(#"""
            s = Session()
            out = s.run('SELECT amont FROM silver.events;')
            contains(out, 'Error: line 1, column 8: column amont cannot be resolved; did you mean amount?\nSELECT amont FROM silver.events;\n       ^')
            out = s.run('SELEC 1;')
            contains(out, 'did you mean SELECT?')
            s.send('SELECT 1 AS fine,\r')
            s.continuation()
            out = s.run('  nope AS bad;')
            contains(out, 'line 2, column 3: column nope cannot be resolved\n  nope AS bad;\n  ^')
            out = s.run('SELECT * FROM gold.nothing;')
            contains(out, 'table gold.nothing does not exist')
            out = s.run('.frobnicate')
            contains(out, 'unknown command .frobnicate')
            out = s.run('.mode yaml')
            contains(out, 'unknown mode yaml')
            out = s.run('SELECT 2 AS still_here;')
            contains(out, 'still_here')
            s.quit()
            """#)
    }

    @Test func dotCommands() throws {
        try Self.scenario(#"""
            s = Session()
            out = s.run('.help')
            contains(out, '.partitions TABLE')
            out = s.run('.tables')
            contains(out, 'bronze.numbers')
            contains(out, 'silver.events')
            out = s.run('.tables silver.%')
            contains(out, 'silver.events')
            lacks(out, 'bronze.numbers')
            out = s.run('.schema silver.events')
            contains(out, 'CREATE EXTERNAL TABLE silver.events')
            contains(out, 'PARTITIONED BY')
            out = s.run('.partitions silver.events')
            contains(out, 'event_date=2024-03-01')
            contains(out, 'event_date=2024-03-02')

            s.run('.mode csv')
            out = s.run('SELECT event_id, label FROM silver.events ORDER BY event_id;')
            contains(out, 'event_id,label\n1,"a, b"\n2,\n3,c\n')
            s.run('.mode json')
            out = s.run('SELECT 1 AS x;')
            contains(out, '[\n{"x":1}\n]\n')
            s.run('.mode ndjson')
            out = s.run('SELECT 1 AS x;')
            contains(out, '{"x":1}\n')
            s.run('.mode markdown')
            out = s.run('SELECT 1 AS x;')
            contains(out, '| x |\n| ---: |\n| 1 |\n')
            s.run('.mode line')
            out = s.run("SELECT 1 AS x, 'y' AS why;")
            contains(out, '  x = 1\nwhy = y\n')
            out = s.run('.mode')
            contains(out, 'mode line')

            # .output writes results to a file; the summary stays on the screen.
            path = os.path.join(HOME, 'out.csv')
            s.run('.mode csv')
            s.run('.output ' + path)
            out = s.run('SELECT 7 AS seven;')
            contains(out, '1 row')
            lacks(out, 'seven\n7')
            s.run('.output')
            check(open(path).read() == 'seven\n7\n', open(path).read())

            # .read runs a file's statements and commands; a failure names the file and the line.
            script = os.path.join(HOME, 'script.sql')
            open(script, 'w').write('SELECT 8 AS eight;\n.mode line\nSELECT 9\n  AS nine;\n')
            s.run('.mode csv')
            out = s.run('.read ' + script)
            contains(out, 'eight\n8\n')
            contains(out, 'nine = 9')
            bad = os.path.join(HOME, 'bad.sql')
            open(bad, 'w').write('SELECT 1 AS fine;\n\nSELECT nope;\nSELECT 0 AS never;\n')
            out = s.run('.read ' + bad)
            contains(out, bad + ': the statement at line 3 failed')
            contains(out, 'column nope cannot be resolved')
            lacks(out, 'never')

            # .timer, .stats, .maxrows.
            s.run('.mode table')
            s.run('.timer off')
            out = s.run('SELECT 1 AS x;')
            check(not re.search(r'\d\.\d{3} s', out), out)
            contains(out, '1 row')
            s.run('.timer on')
            out = s.run('SELECT 1 AS x;')
            check(re.search(r'1 row · \d+\.\d{3} s', out), out)
            out = s.run("SELECT label FROM silver.events WHERE event_date = DATE '2024-03-02';")
            check(re.search(r'1 row · \d+\.\d{3} s · read [0-9.]+ [KM]?B.* in 1 of 2 partitions', out), out)
            out = s.run('.stats')
            contains(out, 'partitions   1 of 2 scanned (50.0% pruned)')
            contains(out, 'files        1 listed → 1 opened → 1 scanned')
            contains(out, 'row groups   1 of 1 scanned')
            check(re.search(r'bytes        [0-9.]+ [KM]?B read.* in \d+ requests?', out), out)
            contains(out, 'rows         1 scanned → 1 returned')
            contains(out, 'Athena cost  $0.000050 ($5 per TB scanned, 10 MB minimum)')
            s.run('.maxrows 4')
            out = s.run('SELECT n FROM bronze.numbers ORDER BY n;')
            contains(out, '3,000 rows (4 shown)')
            contains(out, '⋮')

            # .lake switches lakes.
            out = s.run('.lake ' + OTHER)
            contains(out, 'lake ' + OTHER)
            out = s.run('.tables')
            contains(out, 'gold.daily')
            lacks(out, 'silver.events')
            out = s.run('.lake')
            contains(out, OTHER)

            s.child.send('.quit\r')
            s.child.expect(pexpect.EOF)
            s.child.close()
            check(s.child.exitstatus == 0, s.child.exitstatus)
            """#)
    }

    @Test func resultsFitTheTerminal() throws {
        try Self.scenario(#"""
            s = Session(width=60)
            def box_lines(out):
                return [line for line in out.split('\n') if line[:1] in ('┌', '│', '├', '└')]
            out = s.run("SELECT event_id, lpad('x', 200, 'x') AS wide, label, amount FROM silver.events ORDER BY event_id;")
            for line in box_lines(out):
                check(len(line) <= 60, f'{len(line)}: {line}')
            contains(out, 'xxx…')
            contains(out, '│ NULL ')
            out = s.run('SELECT n, n * 2 AS twice FROM bronze.numbers ORDER BY n;')
            contains(out, '3,000 rows (40 shown)')
            rows = [line for line in box_lines(out) if re.match(r'│\s+\d+ │', line)]
            check(len(rows) == 40, len(rows))
            check(re.search(r'│\s+2999 │\s+5998 │', out), out)
            contains(out, '⋮')
            out = s.run('SELECT ' + ', '.join(f'{i} AS column_{i}' for i in range(30)) + ';')
            for line in box_lines(out):
                check(len(line) <= 60, f'{len(line)}: {line}')
            check(re.search(r'1 row · 30 columns \(\d+ shown\)', out), out)
            s.quit()
            """#)
    }

    @Test func batchModeFromAPipe() throws {
        try Self.scenario(#"""
            def batch(text, *args):
                return subprocess.run([STRATA, *args, '--lake', LAKE], input=text, capture_output=True, text=True,
                                      env=ENV, timeout=TIMEOUT)
            result = batch('SELECT 1 AS one;\nSELECT 2\n  AS two')
            check(result.returncode == 0, result)
            check(result.stdout == 'one\n---\n  1\n(1 row)\ntwo\n---\n  2\n(1 row)\n', result.stdout)
            check(result.stderr == '', result.stderr)

            result = batch('.mode csv\nSELECT event_id FROM silver.events ORDER BY 1;\n', 'repl')
            check(result.stdout == 'event_id\n1\n2\n3\n', result.stdout)
            result = batch('SELECT 1 AS x;', '--format', 'json')
            check(result.stdout == '[\n{"x":1}\n]\n', result.stdout)

            # The first error ends the session with status 1, naming the line.
            result = batch('SELECT 1 AS a;\n\nSELECT nope\n  FROM silver.events;\nSELECT 3 AS never;\n')
            check(result.returncode == 1, result)
            contains(result.stdout, 'a\n')
            lacks(result.stdout, 'never')
            contains(result.stderr, 'strata: stdin: the statement at line 3 failed:\nstrata: line 1, column 8: column nope cannot be resolved\nSELECT nope\n       ^')

            # No progress line when standard error is not a terminal, however long a statement runs.
            result = batch('SELECT count(*) AS pairs FROM bronze.numbers a, bronze.numbers b WHERE a.n < 300;')
            check(result.returncode == 0, result)
            check(result.stdout.endswith('900000\n(1 row)\n'), result.stdout)
            check(result.stderr == '', result.stderr)

            # `strata < script.sql`: a file as standard input.
            script = os.path.join(HOME, 'script.sql')
            open(script, 'w').write('.mode csv\nSELECT count(*) AS n\n  FROM silver.events;\n')
            with open(script) as stdin:
                result = subprocess.run([STRATA, '--lake', LAKE], stdin=stdin, capture_output=True, text=True, env=ENV,
                                        timeout=TIMEOUT)
            check(result.returncode == 0, result)
            check(result.stdout == 'n\n3\n', result.stdout)
            with open(script, 'a') as file:
                file.write('SELECT 1 +;\nSELECT 2;\n')
            with open(script) as stdin:
                result = subprocess.run([STRATA, '--lake', LAKE], stdin=stdin, capture_output=True, text=True, env=ENV,
                                        timeout=TIMEOUT)
            check(result.returncode == 1, result)
            check(result.stdout == 'n\n3\n', result.stdout)
            contains(result.stderr, 'strata: stdin: the statement at line 4 failed:')

            # .timer on prints the summary line in batch mode too.
            result = batch('.timer on\nSELECT 1 AS x;\n')
            check(re.search(r'\(1 row\)\n1 row · \d+\.\d{3} s\n$', result.stdout), result.stdout)

            # Ctrl-C ends a batch session with 130, whether a statement runs or input is awaited.
            process = subprocess.Popen([STRATA, '--lake', LAKE, '--format', 'csv'], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            try:
                process.stdin.write('SELECT 1 AS ready;\n')
                process.stdin.flush()
                check(process.stdout.readline() == 'ready\n', 'no ready')
                process.stdin.write('SELECT count(*) FROM bronze.numbers a, bronze.numbers b, bronze.numbers c;\n')
                process.stdin.flush()
                process.send_signal(signal.SIGINT)
                check(process.wait(timeout=TIMEOUT) == 130, process.returncode)
            finally:
                # A failed check must not leave the endless cross join running.
                if process.poll() is None:
                    process.kill()
            """#)
    }

    @Test func helpVersionAndShellCompletion() throws {
        let help = try Subprocess.run(StrataExecutable.path, ["--help"])
        #expect(help.contains("repl (default)"))
        #expect(help.contains("Examples:"))
        #expect(help.contains("--generate-completion-script"))
        for command in ["repl", "query", "run", "inspect", "cat"] {
            let text = try Subprocess.run(StrataExecutable.path, [command, "--help"])
            #expect(text.contains("Examples:"), "\(command)")
            #expect(text.contains("strata"), "\(command)")
        }
        #expect(try Subprocess.run(StrataExecutable.path, ["--version"]) == "0.1.0\n")
        for shell in ["bash", "zsh", "fish"] {
            let script = try Subprocess.run(StrataExecutable.path, ["--generate-completion-script", shell])
            for command in ["repl", "query", "run", "inspect", "cat"] { #expect(script.contains(command), "\(shell): \(command)") }
        }
        let bash = try Subprocess.run(StrataExecutable.path, ["--generate-completion-script", "bash"])
        #expect(bash.contains("ndjson"))
        #expect(bash.contains("*.@(parquet)"))
        let wrong = try Subprocess.capture(StrataExecutable.path, ["query", "--format", "yaml", "SELECT 1"])
        #expect(wrong.status == 64)
    }
}
