import GeoCore

/// The input of `TopoJSONWriter`: a polygon coverage as shared arcs and, per feature, rings of
/// arc references.
///
/// References follow the TopoJSON specification: `i` is arc `i` as stored, `~i` (= −i − 1) is arc
/// `i` reversed. Consecutive arcs of a ring must join (each starts where the previous one ends)
/// and the last must end where the first starts.
public struct TopoJSONTopology: Sendable {
    /// One feature: its properties in order, and its polygons → rings (exterior first, then
    /// holes) → arc references. No polygons makes a null geometry.
    public typealias Feature = (properties: [(String, ExportValue)], polygons: [[[Int]]])

    /// Shared arcs in lon/lat, each border once; every arc has at least two positions.
    public var arcs: [[Coordinate]]
    public var features: [Feature]

    public init(arcs: [[Coordinate]], features: [Feature]) {
        self.arcs = arcs
        self.features = features
    }
}
