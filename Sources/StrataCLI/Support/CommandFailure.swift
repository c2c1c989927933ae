// How commands fail: one line on standard error (for SQL errors, the line and a caret under the spot too)
// and a non-zero exit.
import ArgumentParser
import Foundation
import StrataPlanner
import StrataSQL

/// A failure of the command line itself (a file that cannot be written, a bad option combination).
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum CommandFailure {
    /// Runs `body`; an error is reported on standard error and becomes exit code 1.
    static func reporting(source: String? = nil, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            warn(message(for: error, source: source))
            throw ExitCode.failure
        }
    }

    /// The text of an error; SQL and planning errors point into `source` with a caret.
    static func message(for error: Error, source: String?) -> String {
        switch error {
        case let sqlError as SQLError:
            return source.map { sqlError.render(source: $0) } ?? sqlError.description
        case let planError as PlanError:
            guard let source, let offset = planError.offset else { return planError.message }
            let bytes = Array(source.utf8)
            let start = Swift.min(offset, bytes.count)
            let range = SourceRange(start, Swift.min(bytes.count, start + (planError.length ?? 0)))
            let located = SQLError(
                code: .syntax, message: planError.message, range: range, location: SourceLocation(offset: start, in: bytes))
            return located.render(source: source)
        default:
            return String(describing: error)
        }
    }

    /// For a pipeline command (`ingest`, `materialize`): names each model that failed on standard error and
    /// exits 1 when there is one; the others' work stands.
    static func failing(models failures: [(model: String, error: String?)]) throws {
        for failure in failures { warn("\(failure.model): \(failure.error ?? "failed")") }
        if !failures.isEmpty { throw ExitCode.failure }
    }

    /// A pipeline's progress line, on standard error.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("strata: " + message + "\n").utf8))
    }
}
