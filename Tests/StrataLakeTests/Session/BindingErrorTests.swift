import StrataPlanner
import StrataSQL
import StrataTestSupport
import Testing
@testable import StrataLake

/// Errors found while binding name what is wrong and point at it.
@Suite struct BindingErrorTests {
    static let lake: Result<TemporaryDirectory, Error> = Result {
        let folder = try TemporaryDirectory("strata-binding")
        try Python.run("""
            import sys, os, pyarrow as pa, pyarrow.parquet as pq
            root = sys.argv[1]
            os.makedirs(f'{root}/silver/events/event_date=2024-03-01')
            pq.write_table(pa.table({'user_id': [1, 2], 'amount': [1.5, 2.5], 'country': ['NL', None]}),
                           f'{root}/silver/events/event_date=2024-03-01/part-0.parquet')
            os.makedirs(f'{root}/silver/users')
            pq.write_table(pa.table({'user_id': [1, 2], 'country': ['NL', 'DE']}), f'{root}/silver/users/part-0.parquet')
            """, arguments: [folder.path])
        return folder
    }

    /// The error for `sql` and the text its position covers.
    func failure(_ sql: String) throws -> (message: String, at: String) {
        let session = try LakeSession(location: .local(path: try Self.lake.get().path))
        do {
            _ = try session.run(try SQLParser.parseStatement(sql))
        } catch let error as PlanError {
            let range = SourceRange(error.offset ?? 0, (error.offset ?? 0) + (error.length ?? 0))
            return (error.message, range.text(in: sql))
        } catch {
            return (String(describing: error), "")
        }
        Issue.record("no error for \(sql)")
        return ("", "")
    }

    @Test func unknownNames() throws {
        var (message, at) = try failure("SELECT amont FROM silver.events")
        #expect(message == "column amont cannot be resolved; did you mean amount?")
        #expect(at == "amont")
        (message, at) = try failure("SELECT e.amount FROM silver.events x")
        #expect(message.contains("relation e is not in FROM"))
        #expect(at == "e.amount")
        (message, at) = try failure("SELECT * FROM silver.evnts")
        #expect(message == "table silver.evnts does not exist")
        #expect(at == "silver.evnts")
        (message, at) = try failure("SELECT lenght(country) FROM silver.events")
        #expect(message == "function lenght does not exist; did you mean length?")
        #expect(at == "lenght")
    }

    @Test func ambiguousColumns() throws {
        let (message, at) = try failure("SELECT country FROM silver.events e JOIN silver.users u ON e.user_id = u.user_id")
        #expect(message.contains("column country is ambiguous"))
        #expect(at == "country")
    }

    @Test func groupingRules() throws {
        var (message, at) = try failure("SELECT country, amount FROM silver.events GROUP BY country")
        #expect(message == "column \"amount\" must appear in GROUP BY or be used in an aggregate")
        #expect(at == "amount")
        (message, at) = try failure("SELECT * FROM silver.events WHERE sum(amount) > 1")
        #expect(message == "aggregate function sum is not allowed in WHERE")
        (message, _) = try failure("SELECT sum(max(amount)) FROM silver.events")
        #expect(message == "aggregate function calls cannot be nested")
        (message, _) = try failure("SELECT row_number() FROM silver.events")
        #expect(message == "window function row_number needs an OVER clause")
        (message, at) = try failure("SELECT country FROM silver.events GROUP BY 3")
        #expect(message == "position 3 is not in the select list (1 to 1)")
        #expect(at == "3")
    }

    @Test func typeRules() throws {
        var (message, at) = try failure("SELECT * FROM silver.events WHERE country = 1")
        #expect(message == "cannot compare VARCHAR with INTEGER using =")
        #expect(at == "country = 1")
        (message, _) = try failure("SELECT * FROM silver.events WHERE amount")
        #expect(message == "WHERE condition must be boolean, not DOUBLE")
        (message, at) = try failure("SELECT DATE '2024-02-30'")
        #expect(message.contains("is not a valid DATE"))
        (message, _) = try failure("SELECT 1 UNION SELECT 1, 2")
        #expect(message.contains("needs the same number of columns"))
        (message, _) = try failure("SELECT CAST(1 AS ARRAY(INTEGER))")
        #expect(message == "ARRAY types are not supported")
    }

    @Test func unsupportedFormsSaySo() throws {
        var (message, _) = try failure("SELECT country FROM silver.events GROUP BY ROLLUP (country)")
        #expect(message == "GROUPING SETS, ROLLUP and CUBE are not supported yet")
        (message, _) = try failure("SELECT x AT TIME ZONE 'UTC' FROM silver.events")
        #expect(message.contains("AT TIME ZONE is not supported"))
        (message, _) = try failure("SELECT count(*) FROM silver.events WHERE amount > 1 OR user_id IN (SELECT user_id FROM silver.users)")
        #expect(message.contains("supported as conditions of WHERE"))
        (message, _) = try failure("SET max_memory = '2GB'")
        #expect(message.hasPrefix("unknown setting max_memory; settings are threads, batch_size, lock_timeout, memory_limit, temp_directory, pruning, pruning.partition"))
        (message, _) = try failure("SET memory_limit = 'plenty'")
        #expect(message == "SET memory_limit needs a size of at least 1MB, such as '2GB', '512MB' or '1.5GiB'")
    }
}
