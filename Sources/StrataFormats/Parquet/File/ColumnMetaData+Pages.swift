// What a chunk's metadata says about its pages without reading them: how many data pages it has, and
// whether every one is dictionary-encoded (then the dictionary page alone holds every value the chunk has).

extension ColumnMetaData {
    /// Data pages in the chunk, from the page encoding statistics; nil when the writer left them out.
    public var dataPageCount: Int? {
        guard let stats = encodingStats, !stats.isEmpty else { return nil }
        return stats.reduce(0) { total, entry in
            entry.pageType == .dataPage || entry.pageType == .dataPageV2 ? total + Int(entry.count) : total
        }
    }

    /// Whether every data page of the chunk is dictionary-encoded: from the page encoding statistics
    /// when present, else from the chunk's encodings (which must then name no value encoding besides the
    /// dictionary ones, RLE and BIT_PACKED being level encodings).
    public var isFullyDictionaryEncoded: Bool {
        guard dictionaryPageOffset != nil else { return false }
        if let stats = encodingStats, !stats.isEmpty {
            let dataPages = stats.filter { $0.pageType == .dataPage || $0.pageType == .dataPageV2 }
            return !dataPages.isEmpty && dataPages.allSatisfy { $0.encoding == .plainDictionary || $0.encoding == .rleDictionary }
        }
        let dictionaryEncodings: Set<Encoding> = [.plainDictionary, .rleDictionary]
        let levelEncodings: Set<Encoding> = [.rle, .bitPacked]
        return encodings.contains { dictionaryEncodings.contains($0) }
            && encodings.allSatisfy { dictionaryEncodings.contains($0) || levelEncodings.contains($0) }
    }
}
