import BoundaryStore
import GeoFormats

/// `edition list --format json` and `/editions`: one object per edition.
public enum EditionsAnswer {
    struct Row: Encodable {
        var name: String
        var status: String
        var based_on: String?
        var created_at: String
        var published_at: String?
        var boundary_edition: String?
        var note: String?
        var projects: Int
        var sites: Int
    }

    /// The editions as JSON (sorted keys, indented).
    public static func json(_ editions: [Edition]) throws -> String {
        try PrettyJSON.string(editions.map {
            Row(name: $0.name, status: $0.status.rawValue, based_on: $0.basedOn, created_at: $0.createdAt, published_at: $0.publishedAt,
                boundary_edition: $0.boundaryEdition, note: $0.note, projects: $0.projects, sites: $0.sites)
        })
    }
}
