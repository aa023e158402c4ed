/// One input file of a boundary import, kept in the `boundary_imports` table.
public struct SourceRecord: Sendable, Hashable {
    public var file: String
    public var sha256: String?
    public var features: Int
    public var vertices: Int

    public init(file: String, sha256: String?, features: Int, vertices: Int) {
        self.file = file
        self.sha256 = sha256
        self.features = features
        self.vertices = vertices
    }
}
