// Signature Version 4 checked against botocore: for a table of requests (methods, query strings, unicode
// and reserved characters in keys, empty and large bodies, session tokens, unsigned payloads) botocore's
// S3SigV4Auth computes the Authorization header at a fixed time, and ours must match it exactly.
import Foundation
import Testing
import StrataTestSupport
@testable import StrataStorage

@Suite struct SigV4SignerTests {
    struct Case {
        var method: String
        var region = "us-east-1"
        /// The path of the URL, unencoded (bucket included for path-style requests).
        var path: String
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var body: [UInt8] = []
        var sessionToken: String?
        var unsignedPayload = false
    }

    static let host = "127.0.0.1:9000"
    /// 2024-05-06T07:08:09Z
    static let epochSeconds: Int64 = 1_714_979_289

    static let cases: [Case] = [
        Case(method: "GET", path: "/bucket/lake/silver/events/date=2024-01-01/part-0.parquet", headers: [("range", "bytes=0-1023")]),
        Case(
            method: "GET", region: "eu-west-1", path: "/bucket",
            query: [
                ("list-type", "2"), ("prefix", "lake/silver/ünï code/"), ("delimiter", "/"), ("max-keys", "1000"),
                ("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="),
            ]),
        Case(method: "HEAD", path: "/bucket/lake/ünïcødé/日本語 file+plus.parquet", sessionToken: "FwoGZXIvYXdzEBYaD+token/with=chars"),
        Case(method: "PUT", path: "/bucket/t/hello.txt", headers: [("content-type", "text/plain")], body: Array("hello".utf8)),
        Case(method: "PUT", path: "/bucket/t/big.bin", body: S3TestStores.pattern(6 << 20)),
        Case(
            method: "PUT", region: "ap-southeast-2", path: "/bucket/t/part.bin",
            query: [("partNumber", "3"), ("uploadId", "abc~def-GHI_jkl.mno/+=")], body: S3TestStores.pattern(1000),
            unsignedPayload: true),
        Case(
            method: "POST", path: "/bucket", query: [("delete", "")],
            headers: [("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="), ("content-type", "application/xml")],
            body: Array("<Delete><Object><Key>a&amp;b</Key></Object></Delete>".utf8)),
        Case(method: "POST", path: "/bucket/t/upload.parquet", query: [("uploads", "")]),
        Case(method: "DELETE", path: "/bucket/t/x.parquet", query: [("uploadId", "u-1")], sessionToken: "short-lived-token"),
        Case(
            method: "PUT", path: "/bucket/t/copy.parquet",
            headers: [("x-amz-copy-source", "/bucket/t/s%C3%BCrce.parquet"), ("x-amz-meta-note", "  two   spaces  here ")]),
        Case(method: "GET", path: "/bucket/t/a&b=c?d#e%f;g,h:i@j!k$l'm(n)o*p+q.parquet"),
        Case(method: "GET", path: "/bucket/t/./x/../y//z~.parquet", query: [("versionId", "null"), ("a", "2"), ("a", "1")]),
    ]

    static let botocoreScript = #"""
        import datetime, hashlib, json, sys, types
        from urllib.parse import quote
        import botocore.auth
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        botocore.auth.get_current_datetime = lambda *args, **kwargs: datetime.datetime(2024, 5, 6, 7, 8, 9)
        results = []
        for case in json.loads(sys.stdin.read()):
            credentials = Credentials(case["key"], case["secret"], case.get("token"))
            path = quote(case["path"], safe="/~")
            request = AWSRequest(
                method=case["method"], url="http://" + case["host"] + path, headers=dict(case["headers"]),
                data=bytes.fromhex(case["body"]), params=[tuple(p) for p in case["query"]])
            if case["unsigned"]:
                request.context["client_config"] = types.SimpleNamespace(s3={"payload_signing_enabled": False})
            S3SigV4Auth(credentials, "s3", case["region"]).add_auth(request)
            results.append({
                "path": path, "authorization": request.headers["Authorization"],
                "sha256": request.headers["X-Amz-Content-SHA256"], "date": request.headers["X-Amz-Date"]})
        print(json.dumps(results))
        """#

    @Test func matchesBotocore() throws {
        let table: [[String: Any]] = SigV4SignerTests.cases.map { testCase in
            var entry: [String: Any] = [
                "method": testCase.method, "region": testCase.region, "path": testCase.path, "host": SigV4SignerTests.host,
                "query": testCase.query.map { [$0.name, $0.value] },
                "headers": ([("host", SigV4SignerTests.host)] + testCase.headers).map { [$0.name, $0.value] },
                "body": SigV4Signer.hex(testCase.body), "unsigned": testCase.unsignedPayload,
                "key": S3TestStores.accessKeyID, "secret": S3TestStores.secretAccessKey,
            ]
            if let token = testCase.sessionToken { entry["token"] = token }
            return entry
        }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: table), as: UTF8.self)
        let output = try Subprocess.run("/usr/bin/env", ["python3", "-c", SigV4SignerTests.botocoreScript], input: input)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: String]])
        #expect(expected.count == SigV4SignerTests.cases.count)

        for (testCase, botocore) in zip(SigV4SignerTests.cases, expected) {
            let credentials = AWSCredentials(
                accessKeyID: S3TestStores.accessKeyID, secretAccessKey: S3TestStores.secretAccessKey,
                sessionToken: testCase.sessionToken)
            let encodedPath = SigV4Signer.uriEncode(testCase.path, encodeSlash: false)
            #expect(encodedPath == botocore["path"], "path of \(testCase.path)")
            var headers = [("host", SigV4SignerTests.host)] + testCase.headers
            let payloadHash = testCase.unsignedPayload ? SigV4Signer.unsignedPayload : SigV4Signer.sha256Hex(testCase.body)
            SigV4Signer(credentials: credentials).sign(
                method: testCase.method, encodedPath: encodedPath, query: testCase.query, headers: &headers,
                payloadHash: payloadHash, region: testCase.region, epochSeconds: SigV4SignerTests.epochSeconds)
            let value = { (name: String) in headers.first { $0.name == name }?.value }
            #expect(value("x-amz-date") == botocore["date"])
            #expect(value("x-amz-content-sha256") == botocore["sha256"], "\(testCase.method) \(testCase.path)")
            #expect(value("authorization") == botocore["authorization"], "\(testCase.method) \(testCase.path)")
            #expect(value("x-amz-security-token") == testCase.sessionToken)
        }
    }

    @Test func formatsDatesAndEncodes() {
        #expect(SigV4Signer.amzDate(0) == "19700101T000000Z")
        #expect(SigV4Signer.amzDate(SigV4SignerTests.epochSeconds) == "20240506T070809Z")
        #expect(SigV4Signer.amzDate(951_782_400) == "20000229T000000Z")
        #expect(SigV4Signer.uriEncode("a b/ü~*", encodeSlash: false) == "a%20b/%C3%BC~%2A")
        #expect(SigV4Signer.uriEncode("a b/ü~*", encodeSlash: true) == "a%20b%2F%C3%BC~%2A")
        #expect(SigV4Signer.canonicalQuery([("b", "2"), ("a", "z"), ("a", "y"), ("uploads", "")]) == "a=y&a=z&b=2&uploads=")
        #expect(SigV4Signer.sha256Hex([]) == SigV4Signer.emptyPayloadHash)
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = S3TestStores.credentials
        for text in [
            "\(credentials)", String(describing: credentials), String(reflecting: credentials),
            { var out = ""; dump(credentials, to: &out); return out }(),
        ] {
            #expect(!text.contains(S3TestStores.secretAccessKey))
            #expect(!text.contains(S3TestStores.sessionToken))
            #expect(!text.contains(S3TestStores.accessKeyID))
        }
        #expect(credentials.maskedAccessKeyID == "AKIA…TS01")
        let leaky = "signed with \(S3TestStores.secretAccessKey) and \(S3TestStores.sessionToken) by \(S3TestStores.accessKeyID)"
        let redacted = credentials.redact(leaky)
        #expect(redacted == "signed with [REDACTED] and [REDACTED] by AKIA…TS01")
    }
}
