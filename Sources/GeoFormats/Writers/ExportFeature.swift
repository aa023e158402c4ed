import GeoCore

/// One feature to export: its properties, written in this order, and its geometry (lon/lat).
public struct ExportFeature: Sendable {
    /// Property names and values, written in this order; names must be unique within a feature.
    public var properties: [(String, ExportValue)]
    public var geometry: Geometry

    public init(properties: [(String, ExportValue)], geometry: Geometry) {
        self.properties = properties
        self.geometry = geometry
    }
}
