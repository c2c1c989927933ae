// An HTTP proxy in front of an S3-compatible server that misbehaves on request: it answers 503 SlowDown
// (or any status and S3 error code), resets connections, drops them halfway through a body, stalls
// mid-body or delays answers. Faults apply to requests whose `METHOD /path?query` line matches a regular
// expression, a given number of times. It listens on a free 127.0.0.1 port, over plain HTTP or over TLS
// with a self-signed certificate made for the occasion; it is controlled through its standard input and
// exits when the test process closes that.
import Foundation

public final class FaultProxy: @unchecked Sendable {
    public struct Fault: Sendable {
        var fields: [String: any Sendable]

        /// Answers `status` with an S3 error document carrying `code` (and request id `FAULT-n`).
        public static func status(_ status: Int, code: String, match: String = "", times: Int = 1) -> Fault {
            Fault(fields: ["action": "status", "status": status, "code": code, "match": match, "times": times])
        }

        /// Closes the connection with a TCP reset after reading the request, before any answer.
        public static func reset(match: String = "", times: Int = 1) -> Fault {
            Fault(fields: ["action": "reset", "match": match, "times": times])
        }

        /// Forwards the request, sends the headers and half of the body, then closes the connection.
        public static func dropMidBody(match: String = "", times: Int = 1) -> Fault {
            Fault(fields: ["action": "drop_mid_body", "match": match, "times": times])
        }

        /// Forwards the request, sends half of the body, waits `seconds`, then sends the rest.
        public static func stallMidBody(seconds: Double, match: String = "", times: Int = 1) -> Fault {
            Fault(fields: ["action": "stall_mid_body", "seconds": seconds, "match": match, "times": times])
        }

        /// Waits `seconds` before forwarding the request.
        public static func delay(seconds: Double, match: String = "", times: Int = 1) -> Fault {
            Fault(fields: ["action": "delay", "seconds": seconds, "match": match, "times": times])
        }
    }

    public struct Statistics: Sendable {
        /// Requests the proxy received.
        public var requests: Int
        /// Requests that met a fault.
        public var faulted: Int
        /// TCP connections accepted.
        public var connections: Int
        /// `METHOD /path?query` of each request, with ` -> action` when a fault applied.
        public var log: [String]
    }

    public let port: Int
    /// With TLS: the PEM file of the proxy's self-signed certificate (trust it to connect).
    public let certificatePath: String?
    private let process: Process
    private let input: Pipe
    private let output: Pipe
    private var pending = Data()
    private let lock = NSLock()

    /// `http://127.0.0.1:PORT`, or `https://` with TLS.
    public var endpoint: String { (certificatePath == nil ? "http" : "https") + "://127.0.0.1:\(port)" }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts a proxy forwarding to 127.0.0.1:`upstreamPort`; with `tlsFolder`, it serves HTTPS with a
    /// certificate for 127.0.0.1 written into that folder.
    public init(upstreamPort: Int, tlsFolder: String? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", FaultProxy.script, String(upstreamPort)] + (tlsFolder.map { [$0] } ?? [])
        input = Pipe()
        output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let hello = try FaultProxy.readLine(from: output, pending: &pending)
        guard let object = try JSONSerialization.jsonObject(with: Data(hello.utf8)) as? [String: Any],
            let port = object["port"] as? Int
        else { throw Failure(description: "fault proxy did not start: \(hello)") }
        self.port = port
        certificatePath = object["certificate"] as? String
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// Replaces the faults to inject and clears the statistics.
    public func inject(_ faults: [Fault]) throws {
        _ = try command(["command": "faults", "faults": faults.map(\.fields)])
    }

    public func statistics() throws -> Statistics {
        let reply = try command(["command": "stats"])
        return Statistics(
            requests: reply["requests"] as? Int ?? -1, faulted: reply["faulted"] as? Int ?? -1,
            connections: reply["connections"] as? Int ?? -1,
            log: reply["log"] as? [String] ?? [])
    }

    private func command(_ request: [String: Any]) throws -> [String: Any] {
        lock.lock()
        defer { lock.unlock() }
        var line = try JSONSerialization.data(withJSONObject: request)
        line.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: line)
        let reply = try FaultProxy.readLine(from: output, pending: &pending)
        guard let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
            throw Failure(description: "fault proxy answered: \(reply)")
        }
        return object
    }

    private static func readLine(from pipe: Pipe, pending: inout Data) throws -> String {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                return String(decoding: line, as: UTF8.self)
            }
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "fault proxy exited") }
            pending.append(chunk)
        }
    }

    private static let script = #"""
        import http.client, http.server, json, os, re, socket, struct, sys, threading, time

        UPSTREAM = int(sys.argv[1])
        lock = threading.Lock()
        faults = []
        stats = {"requests": 0, "faulted": 0, "connections": 0, "log": []}

        def take_fault(line):
            with lock:
                stats["requests"] += 1
                for fault in faults:
                    if fault["times"] > 0 and re.search(fault.get("match", ""), line):
                        fault["times"] -= 1
                        stats["faulted"] += 1
                        stats["log"].append(line + " -> " + fault["action"])
                        return dict(fault, number=stats["faulted"])
                stats["log"].append(line)
                return None

        HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "expect"}

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                if TLS is not None:
                    self.request = TLS.wrap_socket(self.request, server_side=True)
                super().setup()
                with lock:
                    stats["connections"] += 1

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fault = take_fault(f"{self.command} {self.path}")
                action = fault["action"] if fault else None
                if action == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                if action == "status":
                    request_id = f"FAULT-{fault['number']}"
                    document = (
                        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>' + fault["code"]
                        + "</Code><Message>Injected fault " + fault["code"] + "</Message><RequestId>" + request_id
                        + "</RequestId></Error>").encode()
                    self.send_response_only(fault["status"])
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("x-amz-request-id", request_id)
                    self.send_header("Content-Length", "0" if self.command == "HEAD" else str(len(document)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(document)
                    return
                if action == "delay":
                    time.sleep(fault["seconds"])
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
                upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=120)
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                upstream.close()
                self.send_response_only(response.status, response.reason)
                for name, value in response.getheaders():
                    lower = name.lower()
                    if lower in HOP or (lower == "content-length" and self.command != "HEAD"):
                        continue
                    self.send_header(name, value)
                if self.command != "HEAD":
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command == "HEAD":
                    return
                if action in ("drop_mid_body", "stall_mid_body") and len(data) > 1:
                    half = len(data) // 2
                    self.wfile.write(data[:half])
                    self.wfile.flush()
                    if action == "drop_mid_body":
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    time.sleep(fault["seconds"])
                    self.wfile.write(data[half:])
                    return
                self.wfile.write(data)

            do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = handle_any

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass

        def control():
            global faults
            for line in sys.stdin:
                request = json.loads(line)
                with lock:
                    if request["command"] == "faults":
                        faults = [dict(f) for f in request["faults"]]
                        stats.update(requests=0, faulted=0, connections=0, log=[])
                        reply = {"ok": True}
                    else:
                        reply = dict(stats)
                sys.stdout.write(json.dumps(reply) + "\n")
                sys.stdout.flush()
            os._exit(0)

        def self_signed(folder):
            import datetime, ipaddress, ssl
            from cryptography import x509
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec
            key = ec.generate_private_key(ec.SECP256R1())
            name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
            now = datetime.datetime.now(datetime.timezone.utc)
            certificate = (
                x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
                .not_valid_after(now + datetime.timedelta(days=1))
                .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(key, hashes.SHA256()))
            certificate_path = os.path.join(folder, "proxy-certificate.pem")
            key_path = os.path.join(folder, "proxy-key.pem")
            with open(certificate_path, "wb") as file:
                file.write(certificate.public_bytes(serialization.Encoding.PEM))
            with open(key_path, "wb") as file:
                file.write(key.private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate_path, key_path)
            return context, certificate_path

        TLS, certificate = self_signed(sys.argv[2]) if len(sys.argv) > 2 else (None, None)
        server = Server(("127.0.0.1", 0), Handler)
        hello = {"port": server.server_address[1]}
        if certificate:
            hello["certificate"] = certificate
        sys.stdout.write(json.dumps(hello) + "\n")
        sys.stdout.flush()
        threading.Thread(target=control, daemon=True).start()
        server.serve_forever()
        """#
}
