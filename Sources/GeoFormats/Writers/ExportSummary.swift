/// What an export wrote: returned by the writers once the file is in place.
public struct ExportSummary: Sendable, Equatable {
    /// Features written.
    public var features: Int
    /// Positions written: all coordinates of all geometries (GeoJSON, closing positions included),
    /// or all arc positions (TopoJSON).
    public var positions: Int
    /// Rings left out because rounding (GeoJSON) or quantization (TopoJSON) collapsed them to
    /// fewer than 4 positions or no area: holes, or whole polygons of a multipolygon with their
    /// holes. A feature never loses all its polygons: that is an error.
    public var droppedRings: Int
    /// Size of the file written.
    public var bytes: Int

    public init(features: Int, positions: Int, droppedRings: Int, bytes: Int) {
        self.features = features
        self.positions = positions
        self.droppedRings = droppedRings
        self.bytes = bytes
    }
}
