// Writes an S3 object in pieces. Up to one part size it is buffered and sent as one PUT on `finish()`;
// past that a multipart upload starts and each full part is uploaded in the background (a few at a time)
// while the caller fills the next. `finish()` completes the upload; a failure, `abort()`, or dropping an
// unfinished writer aborts it so no parts are left behind (and billed).
import Dispatch
import StrataCore

final class S3MultipartWriter: ObjectWriter {
    private enum State {
        case open, finished, aborted
    }

    /// What the background part uploads report back.
    private final class Outcomes: Sendable {
        struct Value {
            var etags: [Int: String] = [:]
            var failure: StorageError?
        }
        let value = Locked(Value())
    }

    private let store: S3ObjectStore
    private let key: String
    private var state = State.open
    private var buffer: [UInt8] = []
    private var uploadID: String?
    private var nextPartNumber = 1
    private let outcomes = Outcomes()
    private let uploads = DispatchGroup()
    private let slots: DispatchSemaphore

    init(store: S3ObjectStore, key: String) {
        self.store = store
        self.key = key
        slots = DispatchSemaphore(value: max(1, store.configuration.maxPartsInFlight))
    }

    deinit {
        if state == .open { abort() }
    }

    /// Parts double in size every 1000, so even a 10,000-part upload of 8 MiB base parts holds 80 TB.
    private var partSize: Int {
        let base = max(5 << 20, store.configuration.multipartPartSize)
        return min(5 << 30, base << min(10, (nextPartNumber - 1) / 1000))
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        try checkOpen()
        var offset = 0
        while offset < bytes.count {
            let size = partSize
            // A full buffer becomes a part only once more bytes arrive: an object of exactly one part
            // size still goes as a single PUT.
            if buffer.count >= size {
                try sendPart()
                continue
            }
            if buffer.capacity < size { buffer.reserveCapacity(size) }
            let take = min(bytes.count - offset, size - buffer.count)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
            offset += take
        }
    }

    func finish() throws(StorageError) {
        if state == .finished { return }
        try checkOpen()
        guard let uploadID else {
            do throws(StorageError) {
                try store.putObject(key, bytes: buffer)
            } catch {
                state = .aborted
                throw error
            }
            buffer = []
            state = .finished
            return
        }
        do throws(StorageError) {
            if !buffer.isEmpty { try sendPart() }
            uploads.wait()
            let (etags, failure) = outcomes.value.withLock { ($0.etags, $0.failure) }
            if let failure { throw failure }
            let parts = etags.keys.sorted().map { (number: $0, etag: etags[$0]!) }
            try store.completeMultipartUpload(key, uploadID: uploadID, parts: parts)
            state = .finished
        } catch {
            abort()
            throw error
        }
    }

    func abort() {
        guard state == .open else { return }
        state = .aborted
        buffer = []
        uploads.wait()
        if let uploadID {
            try? store.abortMultipartUpload(key, uploadID: uploadID)
        }
    }

    private func checkOpen() throws(StorageError) {
        switch state {
        case .open: break
        case .finished:
            throw StorageError(.invalidArgument, "the object was already written", location: store.location(of: key))
        case .aborted:
            throw StorageError(.invalidArgument, "the upload was aborted", location: store.location(of: key))
        }
        if let failure = outcomes.value.withLock({ $0.failure }) {
            abort()
            throw failure
        }
    }

    /// Hands the buffer to a background upload, starting the multipart upload first if needed; blocks
    /// while `maxPartsInFlight` parts are already on their way.
    private func sendPart() throws(StorageError) {
        if uploadID == nil {
            do throws(StorageError) {
                uploadID = try store.createMultipartUpload(key)
            } catch {
                state = .aborted
                throw error
            }
        }
        let part = buffer
        buffer = []
        let number = nextPartNumber
        nextPartNumber += 1
        guard number <= 10_000 else {
            abort()
            throw StorageError(.invalidArgument, "the object needs more than 10,000 parts", location: store.location(of: key))
        }
        slots.wait()
        uploads.enter()
        let (store, key, uploadID, outcomes, slots, uploads) = (store, key, uploadID!, outcomes, slots, uploads)
        DispatchQueue.global().async {
            do throws(StorageError) {
                let etag = try store.uploadPart(key, uploadID: uploadID, number: number, bytes: part)
                outcomes.value.withLock { $0.etags[number] = etag }
            } catch {
                outcomes.value.withLock { if $0.failure == nil { $0.failure = error } }
            }
            slots.signal()
            uploads.leave()
        }
    }
}
