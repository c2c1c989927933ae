// Where credentials come from, in the order the AWS CLI and SDKs look: the environment
// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), then the profile's section of the
// shared credentials file, then the profile's section of the config file. Profiles that obtain
// credentials another way (SSO, assumed roles, a credential process) are named in the error rather than
// silently skipped.

public enum CredentialChain {
    /// The credentials for `location` (used in messages only).
    static func resolve(
        environment: [String: String], profile: AWSProfile, location: String
    ) throws(StorageError) -> AWSCredentials {
        if let credentials = try fromEnvironment(environment, location: location) { return credentials }
        if let settings = profile.credentialsSettings,
            let credentials = try fromSettings(settings, profile: profile, file: profile.credentialsPath, location: location)
        {
            return credentials
        }
        if let settings = profile.configSettings,
            let credentials = try fromSettings(settings, profile: profile, file: profile.configPath, location: location)
        {
            return credentials
        }
        if profile.isExplicit && !profile.exists {
            throw StorageError(
                .accessDenied,
                "AWS profile '\(profile.name)' is not in \(profile.credentialsPath ?? "~/.aws/credentials") or \(profile.configPath ?? "~/.aws/config")",
                location: location)
        }
        let settings = (profile.configSettings ?? [:]).merging(profile.credentialsSettings ?? [:]) { $1 }
        for (setting, how) in unsupportedSources where settings[setting] != nil {
            throw StorageError(
                .accessDenied,
                "AWS profile '\(profile.name)' gets its credentials through \(how), which Strata does not support; "
                    + "export them first, e.g. eval \"$(aws configure export-credentials --profile \(profile.name) --format env)\"",
                location: location)
        }
        throw StorageError(
            .accessDenied,
            "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
                + "credentials), or AWS_PROFILE naming a profile with aws_access_key_id in ~/.aws/credentials",
            location: location)
    }

    private static let unsupportedSources: [(String, String)] = [
        ("credential_process", "credential_process"), ("sso_session", "AWS SSO"), ("sso_start_url", "AWS SSO"),
        ("role_arn", "an assumed role (role_arn)"), ("web_identity_token_file", "web identity"),
    ]

    private static func fromEnvironment(
        _ environment: [String: String], location: String
    ) throws(StorageError) -> AWSCredentials? {
        let keyID = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (let keyID?, let secret?):
            let token = environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"]
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, source: "environment")
        case (nil, _):
            throw StorageError(.accessDenied, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not", location: location)
        case (_, nil):
            throw StorageError(.accessDenied, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not", location: location)
        }
    }

    private static func fromSettings(
        _ settings: [String: String], profile: AWSProfile, file: String?, location: String
    ) throws(StorageError) -> AWSCredentials? {
        let keyID = settings["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = settings["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        let source = "profile \(profile.name) in \(file ?? "the AWS shared files")"
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (let keyID?, let secret?):
            return AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: settings["aws_session_token"], source: source)
        default:
            throw StorageError(
                .accessDenied, "\(source) needs both aws_access_key_id and aws_secret_access_key", location: location)
        }
    }
}
