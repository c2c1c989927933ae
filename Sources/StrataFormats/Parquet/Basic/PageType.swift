// The kinds of pages in a column chunk, with their Thrift values.

public enum PageType: Int32, Sendable, Hashable, CaseIterable {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3

    public var name: String {
        switch self {
        case .dataPage: return "DATA_PAGE"
        case .indexPage: return "INDEX_PAGE"
        case .dictionaryPage: return "DICTIONARY_PAGE"
        case .dataPageV2: return "DATA_PAGE_V2"
        }
    }
}
