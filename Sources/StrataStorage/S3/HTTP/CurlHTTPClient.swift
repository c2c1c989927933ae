// HTTP on libcurl, for the S3 store. One event-loop thread drives a curl multi handle: every request from
// every caller goes through it, so connections (and TLS sessions, DNS answers) are kept alive and reused
// across requests, and a batch of requests runs concurrently on up to `maxConnections` connections.
// Callers block until their batch is done; easy handles are pooled and reset between uses.
import CCurl
import Dispatch
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class CurlHTTPClient: Sendable {
    struct Configuration: Sendable {
        /// Transfers running at once (and connections kept open).
        var maxConnections = 32
        var connectTimeoutMilliseconds = 10_000
        /// A transfer that moves no byte for this long (waiting for the answer included) is abandoned
        /// (and may be retried).
        var stallTimeoutSeconds = 30
        /// A bound on a whole exchange, 0 for none: large ranges on slow links legitimately take long.
        var requestTimeoutMilliseconds = 0
        /// A PEM file of certificate authorities to trust instead of the system's (`AWS_CA_BUNDLE`).
        var caBundlePath: String?
    }

    private let loop: CurlEventLoop

    init(configuration: Configuration) {
        _ = CurlHTTPClient.globalInitialization
        loop = CurlEventLoop(configuration: configuration)
        loop.start()
    }

    deinit {
        loop.stop()
    }

    /// curl_global_init is not thread-safe in older libcurls; run it once before the first handle.
    private static let globalInitialization: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    /// Runs the requests concurrently and returns their outcomes in the order given.
    func perform(_ requests: [HTTPRequest]) -> [Result<HTTPResponse, HTTPTransportError>] {
        guard !requests.isEmpty else { return [] }
        let completion = DispatchSemaphore(value: 0)
        let transfers = requests.map { CurlTransfer(request: $0, completion: completion) }
        loop.submit(transfers)
        for _ in transfers { completion.wait() }
        return transfers.map { $0.result! }
    }

    func perform(_ request: HTTPRequest) -> Result<HTTPResponse, HTTPTransportError> {
        perform([request])[0]
    }
}

/// The thread that owns the multi handle and every easy handle; other threads only queue transfers and
/// wake it.
private final class CurlEventLoop: @unchecked Sendable {
    private struct Queue {
        var waiting: [CurlTransfer] = []
        var stopping = false
    }

    private let configuration: CurlHTTPClient.Configuration
    private let multi: UnsafeMutableRawPointer
    private let queue = Locked(Queue())
    private var thread = pthread_t()
    // Event-loop thread only:
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private var running = 0

    init(configuration: CurlHTTPClient.Configuration) {
        self.configuration = configuration
        multi = curl_multi_init()
        _ = strata_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnections)
        _ = strata_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxConnections)
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { context in
                let loop = Unmanaged<CurlEventLoop>.fromOpaque(context!).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        precondition(created == 0, "cannot start the HTTP event-loop thread")
    }

    func stop() {
        queue.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
        pthread_join(thread, nil)
    }

    func submit(_ transfers: [CurlTransfer]) {
        queue.withLock { $0.waiting.append(contentsOf: transfers) }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let free = configuration.maxConnections - running
            let (starting, stopping, moreWaiting) = queue.withLock { queue -> ([CurlTransfer], Bool, Bool) in
                let count = min(free, queue.waiting.count)
                let taken = Array(queue.waiting.prefix(count))
                queue.waiting.removeFirst(count)
                return (taken, queue.stopping, !queue.waiting.isEmpty)
            }
            if stopping && running == 0 && starting.isEmpty && !moreWaiting { break }
            for transfer in starting { begin(transfer) }

            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            var finishedAny = false
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                finish(handle: handle, code: message.pointee.data.result)
                finishedAny = true
            }
            // Waiting transfers can start at once when slots freed up; otherwise sleep until a socket is
            // ready, a timer is due, or `submit` wakes us.
            let timeout: Int32 = (finishedAny && moreWaiting) ? 0 : 1000
            curl_multi_poll(multi, nil, 0, timeout, nil)
        }
        for handle in idleHandles { curl_easy_cleanup(handle) }
        curl_multi_cleanup(multi)
    }

    private func begin(_ transfer: CurlTransfer) {
        let handle = idleHandles.popLast() ?? curl_easy_init()
        guard let handle else {
            transfer.fail("cannot create a libcurl handle")
            return
        }
        let context = Unmanaged.passRetained(transfer).toOpaque()
        configure(handle, for: transfer, context: context)
        if curl_multi_add_handle(multi, handle) != CURLM_OK {
            Unmanaged<CurlTransfer>.fromOpaque(context).release()
            curl_easy_reset(handle)
            idleHandles.append(handle)
            transfer.fail("cannot start the transfer")
            return
        }
        running += 1
    }

    private func finish(handle: UnsafeMutableRawPointer, code: CURLcode) {
        var context: UnsafeMutableRawPointer?
        _ = strata_curl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &context)
        curl_multi_remove_handle(multi, handle)
        running -= 1
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeRetainedValue()
        transfer.complete(code: code, handle: handle)
        if let list = transfer.headerList {
            curl_slist_free_all(list)
            transfer.headerList = nil
        }
        // A reset handle keeps nothing of the request; the connection stays in the multi handle's cache.
        curl_easy_reset(handle)
        if idleHandles.count < configuration.maxConnections {
            idleHandles.append(handle)
        } else {
            curl_easy_cleanup(handle)
        }
    }

    private func configure(_ handle: UnsafeMutableRawPointer, for transfer: CurlTransfer, context: UnsafeMutableRawPointer) {
        let request = transfer.request
        _ = strata_curl_easy_setopt_string(handle, CURLOPT_URL, request.url)
        _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context)
        _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(transfer.errorBuffer))
        _ = strata_curl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        // Keys are paths, not documents: `a/../b` and `./x` are object names and must reach S3 as written.
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_PATH_AS_IS, 1)
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle = configuration.caBundlePath {
            _ = strata_curl_easy_setopt_string(handle, CURLOPT_CAINFO, caBundle)
        }
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeoutMilliseconds)
        // libcurl's own low-speed check averages over a window, so a burst followed by a stall passes
        // unnoticed for long; the progress callback measures the time since the last byte instead.
        transfer.stallTimeoutMilliseconds = configuration.stallTimeoutSeconds * 1000
        _ = strata_curl_easy_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = strata_curl_easy_setopt_progress_callback(handle, CURLOPT_XFERINFOFUNCTION) { context, _, downloaded, _, uploaded in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.progress(bytesMoved: Int(downloaded) + Int(uploaded)) ? 0 : 1
        }
        _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
        if configuration.requestTimeoutMilliseconds > 0 {
            _ = strata_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, configuration.requestTimeoutMilliseconds)
        }

        _ = strata_curl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = strata_curl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)

        switch request.method {
        case .get:
            _ = strata_curl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case .head:
            _ = strata_curl_easy_setopt_long(handle, CURLOPT_NOBODY, 1)
        case .delete:
            _ = strata_curl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, "DELETE")
        case .put, .post:
            // Both send a body of known length through the read callback; the verb is set explicitly.
            _ = strata_curl_easy_setopt_long(handle, CURLOPT_UPLOAD, 1)
            _ = strata_curl_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.count))
            _ = strata_curl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            _ = strata_curl_easy_setopt_data_callback(handle, CURLOPT_READFUNCTION) { data, size, count, context in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
                return transfer.sendBody(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
            }
            _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_READDATA, context)
            _ = strata_curl_easy_setopt_seek_callback(handle, CURLOPT_SEEKFUNCTION) { context, offset, origin in
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
                guard origin == SEEK_SET else { return Int32(CURL_SEEKFUNC_CANTSEEK) }
                return transfer.seekBody(to: Int(offset)) ? Int32(CURL_SEEKFUNC_OK) : Int32(CURL_SEEKFUNC_FAIL)
            }
            _ = strata_curl_easy_setopt_pointer(handle, CURLOPT_SEEKDATA, context)
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        // No `Expect: 100-continue` round trip before uploads, and no default `Accept`.
        list = curl_slist_append(list, "Expect:")
        list = curl_slist_append(list, "Accept:")
        transfer.headerList = list
        _ = strata_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
    }
}
