import GeoCore

/// A feature drawn over the units as a marker: a point (a project, a cluster site given as a
/// point) or an area (a site given as a polygon, drawn as its outline).
public struct MapMarker: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Lon/lat: a point (or a one-point MultiPoint), a Polygon or a MultiPolygon; other
    /// geometries are not drawn.
    public var geometry: Geometry
    /// The prefecture it lies in, when known: it decides which frame draws it (Okinawa's inset).
    public var prefectureCode: String?

    public init(id: String, name: String, geometry: Geometry, prefectureCode: String?) {
        self.id = id
        self.name = name
        self.geometry = geometry
        self.prefectureCode = prefectureCode
    }
}
