// The XML reader on S3's documents: listings (entities, control characters, namespaces, pagination),
// errors, and malformed input that must fail rather than pass for a valid answer.
import Testing
@testable import StrataStorage

@Suite struct S3XMLTests {
    static let listing = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>lake/</Prefix>\
        <KeyCount>3</KeyCount><MaxKeys>2</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>\
        <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
          <Contents>
            <Key>lake/a&amp;b &lt;c&gt; &#x1F600;&#233;.parquet</Key>
            <LastModified>2024-01-02T03:04:05.678Z</LastModified>
            <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag>
            <Size>1234</Size><StorageClass>STANDARD</StorageClass>
          </Contents>
          <Contents><Key>lake/tab\u{1}ctl</Key><LastModified>2024-01-02T03:04:05Z</LastModified><ETag>"x-2"</ETag><Size>0</Size></Contents>
          <CommonPrefixes><Prefix>lake/date=2024-01-01/</Prefix></CommonPrefixes>
          <!-- a comment --><Owner/>
        </ListBucketResult>
        """

    @Test func parsesListings() throws {
        let page = try S3ListObjectsPage.parse(Array(S3XMLTests.listing.utf8))
        #expect(page.objects.map(\.key) == ["lake/a&b <c> 😀é.parquet", "lake/tab\u{1}ctl"])
        #expect(page.objects.map(\.size) == [1234, 0])
        #expect(page.objects[0].etag == "9b2cf535f27731c974343645a3985328")
        #expect(page.objects[1].etag == "x-2")
        #expect(page.objects[0].lastModified == 1_704_164_645_678)
        #expect(page.commonPrefixes == ["lake/date=2024-01-01/"])
        #expect(page.continuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
    }

    @Test func parsesErrorsAndCDATA() throws {
        let document = try S3XMLElement.parse(Array("""
            <?xml version="1.0"?><Error><Code>SlowDown</Code><Message><![CDATA[Please <reduce> your rate]]></Message>\
            <RequestId>4442587FB7D0A2F9</RequestId><s3:HostId xmlns:s3="x">abc</s3:HostId></Error>
            """.utf8))
        #expect(document.name == "Error")
        #expect(document.text(of: "Code") == "SlowDown")
        #expect(document.text(of: "Message") == "Please <reduce> your rate")
        #expect(document.text(of: "HostId") == "abc")
        #expect(document.child("Missing") == nil)
    }

    @Test func rejectsBrokenDocuments() {
        for text in [
            "", "<a>", "<a></b>", "<a><b></a></b>", "<a>x &bogus; y</a>", "<a>x &amp y</a>", "<a></a><b></b>",
            "<a attr=\"unterminated></a>", "<!-- never closed", "plain text",
            String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100),
        ] {
            #expect(throws: S3XMLError.self, "\(text.prefix(40))") { try S3XMLElement.parse(Array(text.utf8)) }
        }
        #expect(throws: S3XMLError.self) {
            try S3ListObjectsPage.parse(Array("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>".utf8))
        }
        #expect(throws: S3XMLError.self) {
            try S3ListObjectsPage.parse(Array("<ListBucketResult><Contents><Key>k</Key></Contents></ListBucketResult>".utf8))
        }
        #expect(throws: S3XMLError.self) { try S3ListObjectsPage.parse(Array("<Error><Code>x</Code></Error>".utf8)) }
    }

    @Test func escapesRequestBodies() throws {
        let key = "a&b<c>\"d'e\tf\ng\rh ü"
        let escaped = S3XMLElement.escape(key)
        #expect(escaped == "a&amp;b&lt;c&gt;&quot;d&apos;e&#9;f&#10;g&#13;h ü")
        #expect(try S3XMLElement.parse(Array("<Key>\(escaped)</Key>".utf8)).text == key)
        #expect(S3XMLElement.canRepresent(key))
        #expect(!S3XMLElement.canRepresent("bell\u{7}"))
    }

    @Test func parsesHTTPDatesAndContentRanges() {
        #expect(HTTPDate.parseMilliseconds("Wed, 21 Oct 2015 07:28:00 GMT") == 1_445_412_480_000)
        #expect(HTTPDate.parseMilliseconds("Thu, 29 Feb 2024 23:59:59 GMT") == 1_709_251_199_000)
        #expect(HTTPDate.parseMilliseconds("Fri, 30 Feb 2024 00:00:00 GMT") == nil)
        #expect(HTTPDate.parseMilliseconds("2024-01-01") == nil)
        let range = ContentRange("bytes 100-199/5000")
        #expect(range?.first == 100)
        #expect(range?.count == 100)
        #expect(range?.objectSize == 5000)
        #expect(ContentRange("bytes 0-9/*")?.objectSize == nil)
        #expect(ContentRange("bytes 9-0/10") == nil)
        #expect(ContentRange("items 0-9/10") == nil)
        #expect(base64(Array("hello".utf8)) == "aGVsbG8=")
        #expect(base64([]) == "")
        #expect(base64([0xFF, 0xEE]) == "/+4=")
    }
}
