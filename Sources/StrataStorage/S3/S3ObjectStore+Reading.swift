// Reading from S3: every read is a ranged GET (a whole object only when asked for one), batches run
// concurrently with nearby ranges coalesced and long ones split, and footers come from suffix ranges
// (`bytes=-N`), which also tell the object's size, so a Parquet file is opened in one request.

extension S3ObjectStore {
    public func read(_ key: String, range: Range<Int>?) throws(StorageError) -> [UInt8] {
        guard let range else { return try readWhole(key) }
        return try read([RangeRead(key: key, range: range)])[0]
    }

    public func read(_ requests: [RangeRead]) throws(StorageError) -> [[UInt8]] {
        for request in requests where request.range.lowerBound < 0 {
            throw StorageError(
                .invalidArgument, "byte range \(request.range.lowerBound)..<\(request.range.upperBound) starts before the object",
                location: location(of: request.key))
        }
        let plan = RangeCoalescer(maxGap: configuration.coalesceGapBytes, maxPiece: configuration.maxRangeBytes).plan(requests)
        var operations: [S3Client.Operation] = []
        var firstPiece: [Int] = []
        for span in plan.spans {
            firstPiece.append(operations.count)
            for piece in span.pieces {
                operations.append(
                    S3Client.Operation(
                        method: .get, key: objectKey(span.key), headers: [("range", "bytes=\(piece.lowerBound)-\(piece.upperBound - 1)")],
                        expectedResponseSize: piece.count, action: "read", location: location(of: span.key),
                        readsObjectData: true, acceptedStatuses: [416]))
            }
        }
        let responses = try client.send(operations)

        var spanBytes: [[UInt8]] = []
        spanBytes.reserveCapacity(plan.spans.count)
        for (spanIndex, span) in plan.spans.enumerated() {
            var bytes: [UInt8] = []
            var objectSize: Int?
            for (pieceIndex, piece) in span.pieces.enumerated() {
                let operation = operations[firstPiece[spanIndex] + pieceIndex]
                let (pieceBytes, size) = try rangeBody(responses[firstPiece[spanIndex] + pieceIndex], piece: piece, operation: operation)
                objectSize = size ?? objectSize
                if span.pieces.count == 1 {
                    bytes = pieceBytes
                } else {
                    if bytes.isEmpty { bytes.reserveCapacity(span.range.count) }
                    bytes.append(contentsOf: pieceBytes)
                }
                if pieceBytes.count < piece.count { break }
            }
            // A read past the end of the object fails as it does locally, naming the read, not the span.
            if bytes.count < span.range.count {
                let end = span.range.lowerBound + bytes.count
                let overrun = plan.slices.indices.first { plan.slices[$0].span == spanIndex && requests[$0].range.upperBound > end }!
                let range = requests[overrun].range
                let sizeText = objectSize.map { "the \($0)-byte object" } ?? "the object"
                throw StorageError(
                    .invalidArgument, "byte range \(range.lowerBound)..<\(range.upperBound) is past the end of \(sizeText)",
                    location: location(of: span.key), httpStatus: 416)
            }
            spanBytes.append(bytes)
        }

        var results: [[UInt8]] = []
        results.reserveCapacity(requests.count)
        for slice in plan.slices {
            guard let span = slice.span else {
                results.append([])
                continue
            }
            if slice.range.count == spanBytes[span].count {
                results.append(spanBytes[span])
            } else {
                results.append(Array(spanBytes[span][slice.range]))
            }
        }
        return results
    }

    /// The bytes of one ranged GET (fewer than asked when the object ends first) and the object's size
    /// when the response tells it.
    private func rangeBody(
        _ response: HTTPResponse, piece: Range<Int>, operation: S3Client.Operation
    ) throws(StorageError) -> ([UInt8], Int?) {
        switch response.status {
        case 206:
            guard let contentRange = ContentRange(response.header("content-range")), contentRange.first == piece.lowerBound,
                contentRange.count == response.body.count, contentRange.count <= piece.count
            else {
                throw StorageError(
                    .corrupt, "cannot read: the server answered bytes \(response.header("content-range") ?? "(none)") "
                        + "with \(response.body.count) bytes for range \(piece.lowerBound)..<\(piece.upperBound)",
                    location: operation.location, httpStatus: 206, requestID: response.header("x-amz-request-id"))
            }
            return (response.body, contentRange.objectSize)
        case 416:
            // The range starts at or past the end; S3 may say how long the object is.
            let size = (try? S3XMLElement.parse(response.body))?.text(of: "ActualObjectSize").flatMap(Int.init)
            return ([], size)
        default:
            // A server that ignores Range sends the whole object.
            let body = response.body
            guard piece.lowerBound < body.count else { return ([], body.count) }
            return (Array(body[piece.lowerBound..<min(piece.upperBound, body.count)]), body.count)
        }
    }

    private func readWhole(_ key: String) throws(StorageError) -> [UInt8] {
        try client.send(
            S3Client.Operation(
                method: .get, key: objectKey(key), action: "read", location: location(of: key), readsObjectData: true)
        ).body
    }

    public func readSuffix(_ key: String, length: Int) throws(StorageError) -> (bytes: [UInt8], objectSize: Int) {
        try readSuffixes([key], length: length)[0]
    }

    /// The last `length` bytes of each object and its size, all fetched concurrently: the footers of a
    /// scan's files in one round trip.
    public func readSuffixes(_ keys: [String], length: Int) throws(StorageError) -> [(bytes: [UInt8], objectSize: Int)] {
        guard length > 0 else {
            return try heads(keys).map { ([], $0.size) }
        }
        let operations = keys.map { key in
            S3Client.Operation(
                method: .get, key: objectKey(key), headers: [("range", "bytes=-\(length)")], expectedResponseSize: length,
                action: "read", location: location(of: key), readsObjectData: true, acceptedStatuses: [416])
        }
        let responses = try client.send(operations)
        var results: [(bytes: [UInt8], objectSize: Int)] = []
        results.reserveCapacity(keys.count)
        for (index, response) in responses.enumerated() {
            switch response.status {
            case 206:
                guard let contentRange = ContentRange(response.header("content-range")), let size = contentRange.objectSize,
                    contentRange.count == response.body.count, contentRange.first + contentRange.count == size
                else {
                    throw StorageError(
                        .corrupt, "cannot read: the server answered a suffix range with bytes \(response.header("content-range") ?? "(none)")",
                        location: operations[index].location, httpStatus: 206, requestID: response.header("x-amz-request-id"))
                }
                results.append((response.body, size))
            case 416:
                // S3 cannot satisfy any range of an empty object.
                let info = try head(keys[index])
                guard info.size == 0 else { throw client.storageError(response, for: operations[index]) }
                results.append(([], 0))
            default:
                results.append((Array(response.body.suffix(length)), response.body.count))
            }
        }
        return results
    }

    /// Metadata of several objects, fetched concurrently.
    public func heads(_ keys: [String]) throws(StorageError) -> [ObjectInfo] {
        let operations = keys.map {
            S3Client.Operation(method: .head, key: objectKey($0), action: "read", location: location(of: $0))
        }
        let responses = try client.send(operations)
        var infos: [ObjectInfo] = []
        for (key, response) in zip(keys, responses) {
            guard let size = response.header("content-length").flatMap(Int.init) else {
                throw StorageError(.server, "cannot read: HEAD response without Content-Length", location: location(of: key))
            }
            infos.append(
                ObjectInfo(
                    key: key, size: size, lastModified: response.header("last-modified").flatMap(HTTPDate.parseMilliseconds),
                    etag: response.header("etag").map(unquotedETag)))
        }
        return infos
    }
}

/// `Content-Range: bytes first-last/size` (size may be `*`).
struct ContentRange {
    var first: Int
    var count: Int
    var objectSize: Int?

    init?(_ header: String?) {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let spec = header.dropFirst(6)
        guard let slash = spec.firstIndex(of: "/"), let dash = spec[..<slash].firstIndex(of: "-"),
            let first = Int(spec[..<dash]), let last = Int(spec[spec.index(after: dash)..<slash]), last >= first
        else { return nil }
        self.first = first
        count = last - first + 1
        objectSize = Int(spec[spec.index(after: slash)...])
    }
}
