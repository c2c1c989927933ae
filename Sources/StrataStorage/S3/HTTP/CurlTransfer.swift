// The state of one HTTP exchange while libcurl runs it: the request body being sent, the status line,
// headers and body being received. libcurl's callbacks reach it through an opaque pointer.
import CCurl
import Dispatch

/// Touched only by the curl event-loop thread between `start` and completion; the caller reads `result`
/// after the completion semaphore is signalled, which orders the accesses.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    private let completion: DispatchSemaphore
    private(set) var result: Result<HTTPResponse, HTTPTransportError>?

    private var status = 0
    private var headers: [String: String] = [:]
    private var body: [UInt8] = []
    private var uploadOffset = 0
    var stallTimeoutMilliseconds = 0
    private var bytesMoved = -1
    private var lastProgressMilliseconds = 0
    private var stalled = false
    /// libcurl writes its explanation of a failure here (CURLOPT_ERRORBUFFER).
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var headerList: UnsafeMutablePointer<curl_slist>?

    init(request: HTTPRequest, completion: DispatchSemaphore) {
        self.request = request
        self.completion = completion
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        if request.expectedResponseSize > 0 { body.reserveCapacity(request.expectedResponseSize) }
    }

    deinit {
        errorBuffer.deallocate()
        if let headerList { curl_slist_free_all(headerList) }
    }

    // MARK: Callbacks (event-loop thread)

    func receiveBody(_ data: UnsafeRawBufferPointer) {
        body.append(contentsOf: data)
    }

    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: line[0..<end])
        if bytes.starts(with: "HTTP/".utf8) {
            // A new response begins (after a `100 Continue` or an internal retry): forget the last one.
            headers.removeAll(keepingCapacity: true)
            let parts = bytes.split(separator: 0x20, maxSplits: 2)
            status = parts.count > 1 ? Int(String(decoding: parts[1], as: UTF8.self)) ?? 0 : 0
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        let value = String(decoding: bytes[(colon + 1)...], as: UTF8.self).trimmingSpaces()
        headers[name] = value
        if name == "content-length", request.method != .head, let length = Int(value), length > body.capacity,
            length <= 1 << 32
        {
            body.reserveCapacity(length)
        }
    }

    /// Copies the next piece of the request body into curl's buffer; returns how many bytes were copied.
    func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, request.body.count - uploadOffset)
        guard count > 0 else { return 0 }
        request.body.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    /// Called by libcurl at least once a second; false abandons a transfer that moved no byte for the
    /// stall timeout.
    func progress(bytesMoved moved: Int) -> Bool {
        let now = S3Client.monotonicMilliseconds()
        if moved != bytesMoved {
            bytesMoved = moved
            lastProgressMilliseconds = now
            return true
        }
        guard stallTimeoutMilliseconds > 0, now - lastProgressMilliseconds > stallTimeoutMilliseconds else { return true }
        stalled = true
        return false
    }

    /// libcurl rewinds the upload when it resends on a fresh connection.
    func seekBody(to offset: Int) -> Bool {
        guard offset >= 0, offset <= request.body.count else { return false }
        uploadOffset = offset
        return true
    }

    // MARK: Completion

    func complete(code: CURLcode, handle: UnsafeMutableRawPointer) {
        if code == CURLE_OK {
            var responseCode = 0
            _ = strata_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
            result = .success(HTTPResponse(status: responseCode != 0 ? responseCode : status, headers: headers, body: body))
        } else {
            if stalled {
                result = .failure(
                    HTTPTransportError(
                        curlCode: Int(code.rawValue),
                        message: "no data moved for \(stallTimeoutMilliseconds / 1000) s (\(bytesMoved) bytes so far)",
                        isTransient: true))
            } else {
                let explanation = String(cString: errorBuffer)
                let message = explanation.isEmpty ? String(cString: curl_easy_strerror(code)) : explanation
                result = .failure(
                    HTTPTransportError(
                        curlCode: Int(code.rawValue), message: message, isTransient: CurlTransfer.isTransient(code)))
            }
        }
        body = []
        completion.signal()
    }

    /// Fails a transfer that never reached libcurl.
    func fail(_ message: String) {
        result = .failure(HTTPTransportError(curlCode: -1, message: message, isTransient: false))
        completion.signal()
    }

    /// Failures worth another attempt: the network or the server broke the exchange, as opposed to a
    /// configuration that will fail the same way again (bad certificate, malformed URL).
    static func isTransient(_ code: CURLcode) -> Bool {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_WEIRD_SERVER_REPLY, CURLE_PARTIAL_FILE,
            CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
            CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_SEND_FAIL_REWIND:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        return String(self[first...last])
    }
}
