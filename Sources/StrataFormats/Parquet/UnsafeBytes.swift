// Typed-throws access to the bytes of an array: the standard library's `withUnsafeBytes` rethrows an
// untyped error, which would erase `ParquetError`.

enum UnsafeBytes {
    static func with<R>(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        let result: Result<R, ParquetError> = array.withUnsafeBytes { raw in
            do throws(ParquetError) {
                return .success(try body(raw))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Eight zero bytes that never move: a valid pointer for empty buffers handed to C libraries, which reject
/// null even when they will read nothing.
nonisolated(unsafe) let emptyBytesPlaceholder: UnsafeMutableRawPointer = {
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: 8)
    return pointer
}()

extension UnsafeRawBufferPointer {
    /// The start of the bytes, or a valid placeholder when there are none.
    var nonNullBase: UnsafeRawPointer { baseAddress ?? UnsafeRawPointer(emptyBytesPlaceholder) }
}

extension UnsafeMutableRawBufferPointer {
    var nonNullBase: UnsafeMutableRawPointer { baseAddress ?? emptyBytesPlaceholder }
}
