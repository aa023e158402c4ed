import GeoFormats
/// One layer of one tile, as the tile writers (`TileJSONWriter` for the JSON tiles,
/// `VectorTileEncoder` for Mapbox Vector Tiles) take it: features in the order they are written,
/// coordinates already in integer tile units (x right, y down from the tile's top-left corner).
public struct TileLayer: Sendable, Equatable {
    /// "municipalities", "prefectures", "projects", "sites".
    public var name: String
    /// Tile units across one tile.
    public var extent: Int
    public var features: [TileFeature]

    public init(name: String, extent: Int, features: [TileFeature]) {
        self.name = name
        self.extent = extent
        self.features = features
    }
}

/// One feature of a tile layer.
public struct TileFeature: Sendable, Equatable {
    public enum Geometry: Sendable, Equatable {
        /// Polygons, each a list of closed rings (first point repeated last): the exterior
        /// clockwise on screen (positive shoelace area with y down), then its holes
        /// counter-clockwise.
        case multiPolygon([[[[Int]]]])
        /// One point.
        case point(x: Int, y: Int)
    }

    public var geometry: Geometry
    /// The feature's attributes; `.null` values are written as null in JSON and left out of a
    /// vector tile (which has no null).
    public var properties: [String: JSONValue]
    /// `properties` as compact JSON, made once: a unit's properties repeat in every tile it reaches.
    public var propertiesJSON: [UInt8]

    public init(geometry: Geometry, properties: [String: JSONValue], propertiesJSON: [UInt8]? = nil) {
        self.geometry = geometry
        self.properties = properties
        self.propertiesJSON = propertiesJSON ?? JSONValue.object(properties).bytes
    }
}
