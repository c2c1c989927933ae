// Opening the store for a location.

extension StorageLocation {
    /// The object store rooted at this location; S3 settings come from the process environment and the
    /// AWS shared files (see `S3Configuration.fromEnvironment`).
    public func makeStore() throws(StorageError) -> any ObjectStore {
        try makeStore(environment: S3Configuration.processEnvironment())
    }

    /// The object store rooted at this location, with S3 settings read from `environment`.
    public func makeStore(environment: [String: String]) throws(StorageError) -> any ObjectStore {
        switch self {
        case .local(let path):
            return LocalObjectStore(root: path)
        case .s3(let bucket, let prefix):
            let configuration = try S3Configuration.fromEnvironment(environment, location: description)
            return S3ObjectStore(bucket: bucket, prefix: prefix, configuration: configuration)
        }
    }
}
