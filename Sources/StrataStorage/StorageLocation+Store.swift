// Opening the store for a location.

extension StorageLocation {
    /// The object store rooted at this location.
    public func makeStore() throws(StorageError) -> any ObjectStore {
        switch self {
        case .local(let path):
            return LocalObjectStore(root: path)
        case .s3:
            throw StorageError(.invalidArgument, "S3 lakes are not supported yet", location: description)
        }
    }
}
