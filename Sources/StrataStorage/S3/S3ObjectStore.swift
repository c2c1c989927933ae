// A lake in an S3 bucket (AWS, or an S3-compatible server such as MinIO) as an object store. Keys are
// relative to `s3://bucket/prefix`. Listings page through ListObjectsV2 and run concurrently across
// prefixes; reads are ranged GETs, batched, coalesced and concurrent (`S3ObjectStore+Reading`); writes are
// one PUT, or a multipart upload above the part size (`S3ObjectStore+Writing`, `S3MultipartWriter`).

public final class S3ObjectStore: ObjectStore {
    public let bucket: String
    /// The key prefix of the root, without leading or trailing `/` (empty for the bucket's root).
    public let prefix: String
    public let configuration: S3Configuration
    public let statistics = StorageStatistics()
    let client: S3Client

    public init(bucket: String, prefix: String, configuration: S3Configuration) {
        self.bucket = bucket
        self.prefix = ObjectKey.segments(prefix).joined(separator: "/")
        self.configuration = configuration
        client = S3Client(bucket: bucket, configuration: configuration, statistics: statistics)
    }

    public var rootDescription: String { prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)" }

    public func location(of key: String) -> String {
        key.isEmpty ? rootDescription : "s3://\(bucket)/\(objectKey(key))"
    }

    /// The key in the bucket of the store's `key`.
    func objectKey(_ key: String) -> String {
        prefix.isEmpty ? key : prefix + "/" + key
    }

    /// The store's key of a key in the bucket (which lies below the root).
    private func relativeKey(_ objectKey: String) -> String {
        guard !prefix.isEmpty, objectKey.utf8.count > prefix.utf8.count, objectKey.hasPrefix(prefix + "/") else {
            return objectKey
        }
        return String(objectKey.utf8.dropFirst(prefix.utf8.count + 1)) ?? objectKey
    }

    // MARK: Listing

    public func list(prefix: String, delimiter: String?) throws(StorageError) -> ObjectListing {
        try list(prefixes: [prefix], delimiter: delimiter)[0]
    }

    /// Lists every prefix concurrently: each round fetches the next page of every listing not yet done.
    public func list(prefixes: [String], delimiter: String?) throws(StorageError) -> [ObjectListing] {
        var listings = [ObjectListing](repeating: ObjectListing(), count: prefixes.count)
        var tokens = [String?](repeating: nil, count: prefixes.count)
        var pending = Array(prefixes.indices)
        while !pending.isEmpty {
            let operations = pending.map { index in
                var query: [(name: String, value: String)] = [
                    ("list-type", "2"), ("prefix", objectKey(prefixes[index])),
                    ("max-keys", String(configuration.listPageSize)),
                ]
                if let delimiter { query.append(("delimiter", delimiter)) }
                if let token = tokens[index] { query.append(("continuation-token", token)) }
                return S3Client.Operation(
                    method: .get, key: nil, query: query, action: "list", location: location(of: prefixes[index]))
            }
            let responses = try client.send(operations)
            var next: [Int] = []
            for (index, response) in zip(pending, responses) {
                let page: S3ListObjectsPage
                do {
                    page = try S3ListObjectsPage.parse(response.body)
                } catch {
                    throw StorageError(
                        .server, "cannot list: malformed ListObjectsV2 response: \(error)",
                        location: location(of: prefixes[index]), httpStatus: response.status,
                        requestID: response.header("x-amz-request-id"))
                }
                for object in page.objects {
                    // Zero-byte `folder/` markers made by consoles are not files.
                    if object.key.hasSuffix("/") && object.size == 0 { continue }
                    var info = object
                    info.key = relativeKey(object.key)
                    listings[index].objects.append(info)
                }
                listings[index].commonPrefixes.append(contentsOf: page.commonPrefixes.map(relativeKey))
                if let token = page.continuationToken {
                    tokens[index] = token
                    next.append(index)
                }
            }
            pending = next
        }
        return listings
    }

    // MARK: Metadata

    public func head(_ key: String) throws(StorageError) -> ObjectInfo {
        try heads([key])[0]
    }

    /// Creates the bucket (in the configured region); a bucket that is already ours is fine.
    func createBucket() throws(StorageError) {
        var body: [UInt8] = []
        if client.region != "us-east-1" {
            body = Array(
                ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                    + client.region + "</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        let response = try client.send(
            S3Client.Operation(
                method: .put, key: nil, body: body, action: "create bucket", location: "s3://\(bucket)",
                acceptedStatuses: [409]))
        if response.status == 409 {
            let error = client.storageError(
                response, for: S3Client.Operation(method: .put, key: nil, action: "create bucket", location: "s3://\(bucket)"))
            guard error.serviceCode == "BucketAlreadyOwnedByYou" else { throw error }
        }
    }
}
