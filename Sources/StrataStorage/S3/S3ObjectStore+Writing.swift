// Writing to S3: single PUTs for small objects, the multipart-upload calls `S3MultipartWriter` is built
// on, server-side copies, and deletes in DeleteObjects batches of 1000.
import Crypto

extension S3ObjectStore {
    public func write(_ key: String, bytes: [UInt8]) throws(StorageError) {
        if bytes.count <= configuration.multipartPartSize {
            try putObject(key, bytes: bytes)
            return
        }
        let writer = S3MultipartWriter(store: self, key: key)
        do throws(StorageError) {
            try writer.write(bytes: bytes)
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }

    public func makeWriter(_ key: String) throws(StorageError) -> any ObjectWriter {
        S3MultipartWriter(store: self, key: key)
    }

    func putObject(_ key: String, bytes: [UInt8]) throws(StorageError) {
        _ = try client.send(
            S3Client.Operation(method: .put, key: objectKey(key), body: bytes, action: "write", location: location(of: key)))
    }

    /// A server-side copy (CopyObject); the bytes never travel through this machine.
    public func copy(from source: String, to destination: String) throws(StorageError) {
        let copySource = "/" + bucket + "/" + SigV4Signer.uriEncode(objectKey(source), encodeSlash: false)
        _ = try client.send(
            S3Client.Operation(
                method: .put, key: objectKey(destination), headers: [("x-amz-copy-source", copySource)],
                action: "copy from \(location(of: source))", location: location(of: destination), errorsMayArriveWith200: true))
    }

    /// Deletes with DeleteObjects, 1000 keys a request, the batches concurrently. Keys XML cannot
    /// carry (control characters) go one DELETE each.
    public func delete(_ keys: [String]) throws(StorageError) {
        let batchable = keys.filter(S3XMLElement.canRepresent)
        var operations: [S3Client.Operation] = []
        var batches: [ArraySlice<String>] = []
        var start = 0
        while start < batchable.count {
            let batch = batchable[start..<min(start + 1000, batchable.count)]
            batches.append(batch)
            var body = "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
            for key in batch {
                body += "<Object><Key>" + S3XMLElement.escape(objectKey(key)) + "</Key></Object>"
            }
            body += "</Delete>"
            let bytes = Array(body.utf8)
            operations.append(
                S3Client.Operation(
                    method: .post, key: nil, query: [("delete", "")],
                    headers: [("content-md5", base64(Array(Insecure.MD5.hash(data: bytes)))), ("content-type", "application/xml")],
                    body: bytes, action: "delete", location: location(of: batch.first!)))
            start += 1000
        }
        for key in keys where !S3XMLElement.canRepresent(key) {
            batches.append([key])
            operations.append(
                S3Client.Operation(method: .delete, key: objectKey(key), action: "delete", location: location(of: key)))
        }
        let responses = try client.send(operations)
        for (operation, response) in zip(operations, responses) where operation.method == .post {
            let document: S3XMLElement
            do {
                document = try S3XMLElement.parse(response.body)
            } catch {
                throw StorageError(
                    .server, "cannot delete: malformed DeleteObjects response: \(error)", location: operation.location,
                    httpStatus: response.status, requestID: response.header("x-amz-request-id"))
            }
            for failure in document.children("Error") {
                let code = failure.text(of: "Code")
                if code == "NoSuchKey" { continue }
                let key = failure.text(of: "Key") ?? ""
                throw StorageError(
                    code == "AccessDenied" ? .accessDenied : .server,
                    configuration.credentials.redact("cannot delete: \(failure.text(of: "Message") ?? "failed")"),
                    location: "s3://\(bucket)/\(key)", httpStatus: response.status, serviceCode: code,
                    requestID: response.header("x-amz-request-id"))
            }
        }
    }

    // MARK: Multipart uploads

    func createMultipartUpload(_ key: String) throws(StorageError) -> String {
        let response = try client.send(
            S3Client.Operation(
                method: .post, key: objectKey(key), query: [("uploads", "")], action: "start upload", location: location(of: key)))
        guard let uploadID = (try? S3XMLElement.parse(response.body))?.text(of: "UploadId"), !uploadID.isEmpty else {
            throw StorageError(
                .server, "cannot start upload: CreateMultipartUpload answered without an UploadId", location: location(of: key),
                httpStatus: response.status, requestID: response.header("x-amz-request-id"))
        }
        return uploadID
    }

    /// Uploads part `number` and returns its ETag.
    func uploadPart(_ key: String, uploadID: String, number: Int, bytes: [UInt8]) throws(StorageError) -> String {
        let response = try client.send(
            S3Client.Operation(
                method: .put, key: objectKey(key), query: [("partNumber", String(number)), ("uploadId", uploadID)],
                body: bytes, action: "upload part \(number)", location: location(of: key)))
        guard let etag = response.header("etag"), !etag.isEmpty else {
            throw StorageError(
                .server, "cannot upload part \(number): no ETag in the answer", location: location(of: key),
                httpStatus: response.status, requestID: response.header("x-amz-request-id"))
        }
        return etag
    }

    func completeMultipartUpload(_ key: String, uploadID: String, parts: [(number: Int, etag: String)]) throws(StorageError) {
        var body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts {
            body += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3XMLElement.escape(part.etag))</ETag></Part>"
        }
        body += "</CompleteMultipartUpload>"
        do {
            _ = try client.send(
                S3Client.Operation(
                    method: .post, key: objectKey(key), query: [("uploadId", uploadID)],
                    headers: [("content-type", "application/xml")], body: Array(body.utf8), action: "complete upload",
                    location: location(of: key), errorsMayArriveWith200: true))
        } catch where error.serviceCode == "NoSuchUpload" {
            // A retried completion whose first attempt succeeded but whose answer was lost finds the
            // upload gone: the object, with an ETag of that many parts, says it was done.
            guard let etag = try? head(key).etag, etag.hasSuffix("-\(parts.count)") else { throw error }
        }
    }

    /// Discards an unfinished upload and its parts; an upload that is already gone is fine.
    func abortMultipartUpload(_ key: String, uploadID: String) throws(StorageError) {
        _ = try client.send(
            S3Client.Operation(
                method: .delete, key: objectKey(key), query: [("uploadId", uploadID)], action: "abort upload",
                location: location(of: key), acceptedStatuses: [404]))
    }

    /// Unfinished multipart uploads below `prefix`: (store key, upload id). One page (up to 1000).
    func multipartUploads(prefix: String) throws(StorageError) -> [(key: String, uploadID: String)] {
        let response = try client.send(
            S3Client.Operation(
                method: .get, key: nil, query: [("uploads", ""), ("prefix", objectKey(prefix))], action: "list uploads",
                location: location(of: prefix)))
        guard let document = try? S3XMLElement.parse(response.body) else {
            throw StorageError(.server, "cannot list uploads: malformed response", location: location(of: prefix))
        }
        let root = self.prefix.isEmpty ? "" : self.prefix + "/"
        return document.children("Upload").compactMap { upload in
            guard let key = upload.text(of: "Key"), let id = upload.text(of: "UploadId") else { return nil }
            return (String(key.dropFirst(key.hasPrefix(root) ? root.count : 0)), id)
        }
    }
}

/// Standard base64 with padding (for `Content-MD5`).
func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let b0 = Int(bytes[index])
        let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
        let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
        output.append(alphabet[b0 >> 2])
        output.append(alphabet[((b0 & 0x03) << 4) | (b1 >> 4)])
        output.append(index + 1 < bytes.count ? alphabet[((b1 & 0x0F) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
        output.append(index + 2 < bytes.count ? alphabet[b2 & 0x3F] : UInt8(ascii: "="))
        index += 3
    }
    return String(decoding: output, as: UTF8.self)
}
