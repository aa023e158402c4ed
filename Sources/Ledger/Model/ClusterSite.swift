import GeoCore
import Reference

/// An industrial-cluster site: where a plan's cluster is (an industrial park, a port area), as a
/// point or a polygon. Canonical CSV header: `id,name,plan,fields,status,lon,lat,wkt` (fields
/// separated by `;`; `wkt` a POLYGON or MULTIPOLYGON in lon/lat, used instead of lon/lat).
public struct ClusterSite: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Plan type id: "A", "B" or "C".
    public var plan: String
    /// Strategic field ids (slugs), in the order given; may be empty for plans B and C.
    public var fields: [String]
    public var status: ProjectStatus
    /// A point, polygon or multipolygon in lon/lat.
    public var geometry: Geometry

    public init(id: String, name: String, plan: String, fields: [String], status: ProjectStatus, geometry: Geometry) {
        self.id = id
        self.name = name
        self.plan = plan
        self.fields = fields
        self.status = status
        self.geometry = geometry
    }
}
