/// One edition of the investment map: a draft that imports may change, or a published edition,
/// which is immutable (the maps, tiles and reports made from it must stay reproducible).
public struct Edition: Sendable, Equatable {
    public enum Status: String, Sendable {
        case draft
        case published
    }

    public var name: String
    public var status: Status
    /// The edition it was created from (`edition create E --from PREVIOUS`), if any.
    public var basedOn: String?
    /// ISO 8601 UTC (from SOURCE_DATE_EPOCH when set).
    public var createdAt: String
    public var publishedAt: String?
    /// The boundary edition in the store when the edition was created, e.g. "N03-22_220101".
    public var boundaryEdition: String?
    /// What every output made from the edition must say about it, e.g. "fictional sample data".
    public var note: String?
    /// Projects and cluster sites it holds.
    public var projects: Int
    public var sites: Int

    public init(name: String, status: Status, basedOn: String?, createdAt: String, publishedAt: String?,
                boundaryEdition: String?, note: String? = nil, projects: Int, sites: Int) {
        self.name = name
        self.status = status
        self.basedOn = basedOn
        self.createdAt = createdAt
        self.publishedAt = publishedAt
        self.boundaryEdition = boundaryEdition
        self.note = note
        self.projects = projects
        self.sites = sites
    }

    /// Whether `name` can name an edition: 1–64 ASCII letters, digits, '.', '_' or '-', starting
    /// with a letter or digit (it appears in file names and URLs: never "." or "..").
    public static func isUsableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (first >= 0x30 && first <= 0x39) || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) else {
            return false
        }
        return name.utf8.count <= 64
            && name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }
}
