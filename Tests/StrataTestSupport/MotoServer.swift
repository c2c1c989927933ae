// An S3-compatible server for tests: moto (`python3 -m moto.server`) on a free 127.0.0.1 port. One server
// is shared by all tests of a process (each test uses its own bucket); it exits when the test process
// does, because a watchdog thread in the server ends it when its standard input closes.
import Foundation

public final class MotoServer: @unchecked Sendable {
    public let port: Int
    private let process: Process
    private let input: Pipe

    /// `http://127.0.0.1:PORT`
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Whether moto's server can be imported (it is installed by `make setup`).
    public static let isAvailable: Bool = {
        (try? Subprocess.capture("/usr/bin/env", ["python3", "-c", "import moto.server, flask, werkzeug"]))?.status == 0
    }()

    /// The server shared by this test process, started on first use.
    public static func shared() throws -> MotoServer {
        try sharedServer.get()
    }

    private static let sharedServer = Result<MotoServer, any Error> { try MotoServer() }

    private static let script = """
        import logging, os, sys, threading
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        from moto.server import main
        def watch():
            try:
                sys.stdin.read()
            finally:
                os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
        main(["-H", "127.0.0.1", "-p", sys.argv[1]])
        """

    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts a server of its own (most tests want `shared()`).
    public init() throws {
        var lastError = ""
        // Another process may take the free port between probing and binding it: try a few.
        for _ in 0..<3 {
            let port = try MotoServer.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", MotoServer.script, String(port)]
            let input = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline && process.isRunning {
                if MotoServer.accepts(port: port) {
                    // Nothing is read from stderr from now on: silence it so a full pipe never blocks moto.
                    errors.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
                    self.port = port
                    self.process = process
                    self.input = input
                    return
                }
                usleep(50_000)
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            lastError = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        throw StartFailure(description: "moto server did not start: \(lastError.suffix(2000))")
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// A port on 127.0.0.1 that nothing listens on right now.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartFailure(description: "socket() failed") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw StartFailure(description: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
