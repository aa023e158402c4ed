import GeoCore

/// A project or site found by a spatial query, with its distance from the query.
public struct NearbyFeature: Sendable, Equatable {
    public enum Kind: String, Sendable { case project, site }

    public var kind: Kind
    public var id: String
    public var name: String
    public var plan: String?
    /// A project's field, or a site's fields separated by ';'.
    public var fields: String
    public var status: String
    public var supportJPY: Int64? = nil
    public var totalInvestmentJPY: Int64?
    public var company: String? = nil
    public var programme: String? = nil
    /// How exactly a project's point is known (point, address, municipality); nil for sites.
    public var precision: String? = nil
    /// The N03 unit the feature joined (a site's: the unit it overlaps most).
    public var wardCode: String?
    public var geometry: Geometry
    /// Geodesic metres from the query (0 inside a site's area).
    public var metres: Double
}
