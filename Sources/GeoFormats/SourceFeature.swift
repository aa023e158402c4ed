import GeoCore

/// One feature read from a boundary file: its position, its properties as text and its geometry.
public struct SourceFeature: Sendable {
    /// 0-based position of the feature in its file (GeoJSON `features` array, or the running count
    /// of geometries over a TopoJSON file's objects).
    public var index: Int
    /// Property values as text: strings decoded, numbers as written, `true`/`false`, nested
    /// objects and arrays as their JSON text. A JSON `null` is kept as a present key with a `nil` value.
    public var properties: [String: String?]
    /// `nil` for a JSON `null` (or missing) geometry.
    public var geometry: Geometry?
    /// The zip entry the feature came from, `nil` for a plain file.
    public var member: String?

    public init(index: Int, properties: [String: String?], geometry: Geometry?, member: String? = nil) {
        self.index = index
        self.properties = properties
        self.geometry = geometry
        self.member = member
    }
}
