import GeoCore

/// A project or site found by a spatial query, with its distance from the query.
public struct NearbyFeature: Sendable, Equatable {
    public enum Kind: String, Sendable { case project, site }

    public var kind: Kind
    public var id: String
    public var name: String
    public var plan: String
    /// A project's field, or a site's fields separated by ';'.
    public var fields: String
    public var status: String
    public var amountJPY: Int64?
    /// The N03 unit the feature joined (a site's: the unit it overlaps most).
    public var wardCode: String?
    public var geometry: Geometry
    /// Geodesic metres from the query (0 inside a site's area).
    public var metres: Double
}
