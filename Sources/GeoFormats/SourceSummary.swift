/// What one boundary document contained: returned by `BoundarySource.read` after streaming it.
public struct SourceSummary: Sendable, Equatable {
    /// The file name, as in error messages (`archive.zip/member.geojson` for a zip member).
    public var file: String
    public var format: SourceFormat
    /// Number of features passed to the caller.
    public var features: Int
    /// Number of positions in all geometries (closing positions of rings included).
    public var vertices: Int
    /// The zip entry path, `nil` for a plain file.
    public var member: String?

    public init(file: String, format: SourceFormat, features: Int, vertices: Int, member: String? = nil) {
        self.file = file
        self.format = format
        self.features = features
        self.vertices = vertices
        self.member = member
    }
}
