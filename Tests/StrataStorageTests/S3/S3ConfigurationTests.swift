// The standard AWS settings, read as the AWS CLI reads them: environment first, then the profile in the
// shared credentials and config files; endpoints, addressing style and the errors of bad settings.
import Foundation
import Testing
import StrataTestSupport
@testable import StrataStorage

@Suite struct S3ConfigurationTests {
    /// A home folder with the given `~/.aws/credentials` and `~/.aws/config` (nil: no such file).
    private func home(credentials: String?, config: String?) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("strata-aws-home")
        try FileManager.default.createDirectory(atPath: folder.file(".aws"), withIntermediateDirectories: true)
        if let credentials { try credentials.write(toFile: folder.file(".aws/credentials"), atomically: true, encoding: .utf8) }
        if let config { try config.write(toFile: folder.file(".aws/config"), atomically: true, encoding: .utf8) }
        return folder
    }

    static let credentialsFile = """
        # comment
        [default]
        aws_access_key_id = AKIADEFAULT000000001
        aws_secret_access_key = defaultSecret0000000000000000000000000000

        [dev]
        aws_access_key_id=AKIADEV0000000000002
        aws_secret_access_key=devSecret/000000000000000000000000000000
        aws_session_token = devToken==
        """

    static let configFile = """
        [default]
        region = eu-central-1

        [profile dev]
        region = eu-west-1
        max_attempts = 9
        s3 =
          addressing_style = path
          endpoint_url = http://localhost:9000
        ca_bundle = /etc/ssl/dev.pem

        [profile configonly]
        aws_access_key_id = AKIACONFIGONLY000003
        aws_secret_access_key = configOnlySecret000000000000000000000000
        endpoint_url = https://minio.example.com
        region = us-west-2

        [profile sso]
        sso_start_url = https://example.awsapps.com/start
        sso_region = us-east-1

        [profile halfkey]
        aws_secret_access_key = halfSecretThatMustNotLeak00000000000000
        """

    @Test func environmentCredentialsComeFirst() throws {
        let folder = try home(credentials: S3ConfigurationTests.credentialsFile, config: S3ConfigurationTests.configFile)
        let configuration = try S3Configuration.fromEnvironment(
            [
                "HOME": folder.path, "AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT00004", "AWS_SECRET_ACCESS_KEY": "envSecret",
                "AWS_SESSION_TOKEN": "envToken", "AWS_PROFILE": "dev", "AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "us-west-1",
            ], location: "s3://b")
        #expect(configuration.credentials.accessKeyID == "AKIAENVIRONMENT00004")
        #expect(configuration.credentials.sessionToken == "envToken")
        #expect(configuration.credentials.source == "environment")
        #expect(configuration.region == "sa-east-1")
        // The profile still supplies what the environment does not.
        #expect(configuration.endpoint == S3Endpoint(scheme: "http", host: "localhost", port: 9000))
    }

    @Test func namedProfilesReadBothFiles() throws {
        let folder = try home(credentials: S3ConfigurationTests.credentialsFile, config: S3ConfigurationTests.configFile)
        let configuration = try S3Configuration.fromEnvironment(["HOME": folder.path, "AWS_PROFILE": "dev"], location: "s3://b")
        #expect(configuration.credentials.accessKeyID == "AKIADEV0000000000002")
        #expect(configuration.credentials.secretAccessKey == "devSecret/000000000000000000000000000000")
        #expect(configuration.credentials.sessionToken == "devToken==")
        #expect(configuration.credentials.source == "profile dev in \(folder.path)/.aws/credentials")
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.endpoint?.description == "http://localhost:9000")
        #expect(configuration.addressingStyle == .path)
        #expect(configuration.retryPolicy.maxAttempts == 9)
        #expect(configuration.caBundlePath == "/etc/ssl/dev.pem")

        let defaults = try S3Configuration.fromEnvironment(["HOME": folder.path], location: "s3://b")
        #expect(defaults.credentials.accessKeyID == "AKIADEFAULT000000001")
        #expect(defaults.region == "eu-central-1")
        #expect(defaults.endpoint == nil)
        #expect(defaults.addressingStyle == nil)

        let configOnly = try S3Configuration.fromEnvironment(
            ["HOME": folder.path, "AWS_PROFILE": "configonly", "AWS_DEFAULT_REGION": "ap-south-1"], location: "s3://b")
        #expect(configOnly.credentials.accessKeyID == "AKIACONFIGONLY000003")
        #expect(configOnly.region == "ap-south-1")
        #expect(configOnly.endpoint?.description == "https://minio.example.com")
    }

    @Test func fileLocationsAndEndpointsFollowTheEnvironment() throws {
        let folder = try home(credentials: nil, config: nil)
        try S3ConfigurationTests.credentialsFile.write(toFile: folder.file("creds"), atomically: true, encoding: .utf8)
        try S3ConfigurationTests.configFile.write(toFile: folder.file("conf"), atomically: true, encoding: .utf8)
        var environment = [
            "HOME": folder.path, "AWS_SHARED_CREDENTIALS_FILE": folder.file("creds"), "AWS_CONFIG_FILE": folder.file("conf"),
            "AWS_PROFILE": "dev", "AWS_ENDPOINT_URL": "http://127.0.0.1:1111", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:2222",
            "AWS_MAX_ATTEMPTS": "2", "AWS_CA_BUNDLE": "/ca.pem",
        ]
        var configuration = try S3Configuration.fromEnvironment(environment, location: "s3://b")
        #expect(configuration.credentials.accessKeyID == "AKIADEV0000000000002")
        #expect(configuration.endpoint?.port == 2222)
        #expect(configuration.retryPolicy.maxAttempts == 2)
        #expect(configuration.caBundlePath == "/ca.pem")
        environment["AWS_ENDPOINT_URL_S3"] = nil
        configuration = try S3Configuration.fromEnvironment(environment, location: "s3://b")
        #expect(configuration.endpoint?.port == 1111)
        environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        configuration = try S3Configuration.fromEnvironment(environment, location: "s3://b")
        #expect(configuration.endpoint == nil)
        environment["AWS_MAX_ATTEMPTS"] = "zero"
        #expect(throws: StorageError.self) { try S3Configuration.fromEnvironment(environment, location: "s3://b") }
    }

    @Test func missingOrUnusableCredentialsAreExplained() throws {
        let folder = try home(credentials: S3ConfigurationTests.credentialsFile, config: S3ConfigurationTests.configFile)
        let empty = try home(credentials: nil, config: nil)
        let cases: [([String: String], String)] = [
            (["HOME": empty.path], "no AWS credentials: set AWS_ACCESS_KEY_ID"),
            (["HOME": folder.path, "AWS_PROFILE": "ghost"], "AWS profile 'ghost' is not in"),
            (["HOME": folder.path, "AWS_PROFILE": "sso"], "through AWS SSO, which Strata does not support"),
            (["HOME": folder.path, "AWS_PROFILE": "halfkey"], "needs both aws_access_key_id and aws_secret_access_key"),
            (["HOME": empty.path, "AWS_ACCESS_KEY_ID": "AKIAONLYTHEKEY000005"], "AWS_SECRET_ACCESS_KEY is not"),
            (["HOME": empty.path, "AWS_SECRET_ACCESS_KEY": "lonelySecret0000000000"], "AWS_ACCESS_KEY_ID is not"),
        ]
        for (environment, expected) in cases {
            do {
                _ = try S3Configuration.fromEnvironment(environment, location: "s3://bucket/lake")
                Issue.record("\(environment) must fail")
            } catch {
                #expect(error.code == .accessDenied)
                #expect(error.location == "s3://bucket/lake")
                #expect(error.message.contains(expected), "\(error)")
                #expect(!error.description.contains("Secret"), "\(error)")
            }
        }
        // A bad settings value names the setting.
        let badStyle = try home(credentials: nil, config: "[default]\naws_access_key_id=a\naws_secret_access_key=b\ns3 =\n  addressing_style = sideways\n")
        #expect(throws: StorageError.self) { try S3Configuration.fromEnvironment(["HOME": badStyle.path], location: "s3://b") }
    }

    @Test func parsesProfileFiles() {
        let sections = AWSProfile.parse("[a]\r\nx = 1 \r\n  [ b ]\ny=\n  z = 2\n\tw=3\nv = 4\n  u = 5\n;c\n[broken\nq=1\n")
        #expect(sections["a"] == ["x": "1"])
        #expect(sections["b"] == ["y": "", "y.z": "2", "y.w": "3", "v": "4"])
        #expect(sections["broken"] == nil)
    }

    @Test func parsesEndpoints() throws {
        #expect(try S3Endpoint(parsing: "http://localhost:9000") == S3Endpoint(scheme: "http", host: "localhost", port: 9000))
        #expect(try S3Endpoint(parsing: "HTTPS://minio.example.com/") == S3Endpoint(scheme: "https", host: "minio.example.com"))
        #expect(try S3Endpoint(parsing: "https://s3.example.com:443").authority == "s3.example.com")
        #expect(try S3Endpoint(parsing: "http://[::1]:9000").authority == "[::1]:9000")
        for bad in ["ftp://x", "localhost:9000", "http://host/path", "http://user:pw@host", "http://host:abc", "http://:9000", "http://h:70000"] {
            #expect(throws: StorageError.self, "\(bad)") { try S3Endpoint(parsing: bad) }
        }
    }

    @Test func addressesAWSAndCustomEndpoints() throws {
        func addressing(_ bucket: String, region: String = "eu-west-1", endpoint: String? = nil, style: S3Configuration.AddressingStyle? = nil) throws -> String {
            var configuration = S3Configuration(
                region: region, credentials: S3TestStores.credentials, endpoint: try endpoint.map { try S3Endpoint(parsing: $0) })
            configuration.addressingStyle = style
            let (base, host, path) = S3Client(bucket: bucket, configuration: configuration, statistics: StorageStatistics())
                .addressing(region: region)
            return "\(base) \(host) \(path)"
        }
        #expect(try addressing("lake-bucket") == "https://lake-bucket.s3.eu-west-1.amazonaws.com lake-bucket.s3.eu-west-1.amazonaws.com ")
        #expect(try addressing("lake.bucket") == "https://s3.eu-west-1.amazonaws.com s3.eu-west-1.amazonaws.com /lake.bucket")
        #expect(try addressing("lake-bucket", style: .path) == "https://s3.eu-west-1.amazonaws.com s3.eu-west-1.amazonaws.com /lake-bucket")
        #expect(try addressing("b-1", region: "cn-north-1") == "https://b-1.s3.cn-north-1.amazonaws.com.cn b-1.s3.cn-north-1.amazonaws.com.cn ")
        #expect(try addressing("data-lake", endpoint: "http://localhost:9000") == "http://localhost:9000 localhost:9000 /data-lake")
        #expect(try addressing("data-lake", endpoint: "http://minio.local:9000", style: .virtualHosted)
            == "http://data-lake.minio.local:9000 data-lake.minio.local:9000 ")
        #expect(!S3Client.isVirtualHostable("Legacy_Bucket", overTLS: false))
        #expect(S3Client.isVirtualHostable("a.b.c", overTLS: false))
    }
}
