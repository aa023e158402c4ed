import GeoCore

/// A unit's polygon as the page shows it: its frame and its rings in tenths of a pixel
/// (distinct consecutive points, not closed, at least three each; exterior first).
struct SnappedPolygon {
    var frame: Int
    var rings: [[PixelPoint]]

    /// The polygon with coordinates in tenths of a pixel and closed rings, for `CoverageTopology`.
    var polygon: Polygon {
        let closed = rings.map { ring in LinearRing(ring.map(\.coordinate) + [ring[0].coordinate]) }
        return Polygon(exterior: closed[0], holes: Array(closed.dropFirst()))
    }
}
