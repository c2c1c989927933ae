// Running the Python oracles (pyarrow, DuckDB, polars) that generate fixtures and check results.
import Foundation

public enum Python {
    public struct Failure: Error, CustomStringConvertible {
        public let status: Int32
        public let output: String
        public var description: String { "python exited with \(status):\n\(output)" }
    }

    /// Runs `script` with `python3`, with `arguments` as `sys.argv[1:]`; returns its standard output.
    @discardableResult
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        try Subprocess.run("/usr/bin/env", ["python3", "-c", script] + arguments)
    }
}

public enum Subprocess {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let standardError: String
        public var description: String { "\(command) exited with \(status):\n\(standardError)" }
    }

    /// Runs a program to completion and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> String {
        let result = try capture(executable, arguments, input: input)
        guard result.status == 0 else {
            throw Failure(
                command: ([executable] + arguments.prefix(2)).joined(separator: " "), status: result.status,
                standardError: result.standardError + result.standardOutput)
        }
        return result.standardOutput
    }

    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs a program to completion and returns its exit status and both outputs.
    public static func capture(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
