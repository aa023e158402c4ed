/// The boundary file formats `BoundarySource` reads (a zip holds one or more of these).
public enum SourceFormat: String, Sendable {
    case geoJSON
    case topoJSON
}
