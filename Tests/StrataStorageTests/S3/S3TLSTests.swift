// TLS is verified: a server whose certificate nobody vouches for is refused (at once, not retried), and
// trusting its certificate through the CA bundle setting (`AWS_CA_BUNDLE`) lets the same requests pass.
import Testing
import StrataTestSupport
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3TLSTests {
    @Test func certificatesAreVerified() throws {
        let folder = try TemporaryDirectory("strata-tls")
        let proxy = try FaultProxy(upstreamPort: try MotoServer.shared().port, tlsFolder: folder.path)
        #expect(proxy.endpoint.hasPrefix("https://127.0.0.1:"))
        let certificate = try #require(proxy.certificatePath)

        let untrusting = try S3TestStores.make(endpoint: proxy.endpoint)
        do {
            _ = try untrusting.list(prefix: "", delimiter: "/")
            Issue.record("an unverifiable certificate must be refused")
        } catch {
            #expect(error.code == .network)
            #expect(error.message.lowercased().contains("certificate"), "\(error)")
            #expect(!error.message.contains("gave up"))
        }
        #expect(try proxy.statistics().requests == 0)

        let trusting = try S3TestStores.make(endpoint: proxy.endpoint) {
            $0.caBundlePath = certificate
            $0.signsPayload = false
        }
        try trusting.write("t/x.bin", bytes: S3TestStores.pattern(1000))
        #expect(try trusting.read("t/x.bin", range: 10..<20) == Array(S3TestStores.pattern(1000)[10..<20]))
        #expect(try trusting.list(prefix: "t/", delimiter: "/").objects.map(\.key) == ["t/x.bin"])

        let location = try StorageLocation(parsing: "s3://\(trusting.bucket)/lake", workingDirectory: "/")
        let fromEnvironment = try location.makeStore(environment: [
            "AWS_ACCESS_KEY_ID": S3TestStores.accessKeyID, "AWS_SECRET_ACCESS_KEY": S3TestStores.secretAccessKey,
            "AWS_ENDPOINT_URL_S3": proxy.endpoint, "AWS_CA_BUNDLE": certificate, "HOME": folder.path,
        ])
        #expect(try fromEnvironment.readSuffix("t/x.bin", length: 4).objectSize == 1000)
    }
}
