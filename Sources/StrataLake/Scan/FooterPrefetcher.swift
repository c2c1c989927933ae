// On object stores, where a request waits tens of milliseconds, footers are fetched many files at a time:
// the pipeline that first needs a file's footer fetches the tails of the next files of the scan with one
// batch of concurrent ranged reads, and the other pipelines take theirs from it (waiting for that batch
// rather than fetching the same bytes). Files are handed out in order, so batches follow the queue.
import Foundation
import StrataStorage

final class FooterPrefetcher: @unchecked Sendable {
    /// Files whose tails one batch fetches.
    static let batchSize = 32

    private let condition = NSCondition()
    private var tails: [Int: [UInt8]] = [:]
    /// Files `0..<claimed` have been (or are being) fetched.
    private var claimed = 0
    private var failure: Error?

    /// The tail of file `index` of the plan, fetched with those of the next files when nobody has yet.
    func tail(of index: Int, plan: LakeScanPlan) throws -> [UInt8]? {
        condition.lock()
        while true {
            if let tail = tails.removeValue(forKey: index) {
                condition.unlock()
                return tail
            }
            if let failure {
                condition.unlock()
                throw failure
            }
            if index >= claimed {
                let batch = index..<min(index + Self.batchSize, plan.files.count)
                claimed = batch.upperBound
                condition.unlock()
                do {
                    let fetched = try fetch(batch, plan: plan)
                    condition.lock()
                    for (file, tail) in zip(batch, fetched) { tails[file] = tail }
                } catch {
                    condition.lock()
                    failure = error
                }
                condition.broadcast()
                continue
            }
            if index < claimed - Self.batchSize * 4 && tails[index] == nil {
                // Fetched long ago and taken: not ours to wait for (a file opened twice); read it alone.
                condition.unlock()
                return nil
            }
            condition.wait()
        }
    }

    private func fetch(_ batch: Range<Int>, plan: LakeScanPlan) throws -> [[UInt8]] {
        let length = plan.source.footerReadSize
        let requests = batch.map { file -> RangeRead in
            let size = plan.files[file].size
            return RangeRead(key: plan.files[file].key, range: max(0, size - length)..<size)
        }
        let fetched = try plan.source.store.read(requests)
        plan.counters.add(.bytesRead, fetched.reduce(0) { $0 + $1.count })
        plan.counters.add(.requests, fetched.count)
        return fetched
    }
}
