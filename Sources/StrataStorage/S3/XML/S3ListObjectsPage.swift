// One page of a ListObjectsV2 answer: the objects and rolled-up prefixes it holds (full keys), and the
// token that fetches the next page when S3 cut the listing short.
import StrataCore

struct S3ListObjectsPage: Sendable {
    var objects: [ObjectInfo] = []
    var commonPrefixes: [String] = []
    /// Set when the listing continues on another page.
    var continuationToken: String?

    static func parse(_ body: [UInt8]) throws(S3XMLError) -> S3ListObjectsPage {
        let root = try S3XMLElement.parse(body)
        guard root.name == "ListBucketResult" else {
            throw S3XMLError(message: "expected <ListBucketResult>, found <\(root.name)>", offset: 0)
        }
        var page = S3ListObjectsPage()
        for element in root.children {
            switch element.name {
            case "Contents":
                guard let key = element.text(of: "Key"), let size = element.text(of: "Size").flatMap(Int.init) else {
                    throw S3XMLError(message: "<Contents> without <Key> and <Size>", offset: 0)
                }
                page.objects.append(
                    ObjectInfo(
                        key: key, size: size,
                        lastModified: element.text(of: "LastModified").flatMap(TemporalParser.parseTimestamp).map { $0 / 1000 },
                        etag: element.text(of: "ETag").map(unquotedETag)))
            case "CommonPrefixes":
                if let prefix = element.text(of: "Prefix") { page.commonPrefixes.append(prefix) }
            default:
                continue
            }
        }
        if root.text(of: "IsTruncated") == "true" {
            guard let token = root.text(of: "NextContinuationToken"), !token.isEmpty else {
                throw S3XMLError(message: "a truncated listing without <NextContinuationToken>", offset: 0)
            }
            page.continuationToken = token
        }
        return page
    }
}

/// An ETag without the quotes S3 puts around it.
func unquotedETag(_ etag: String) -> String {
    etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
}
