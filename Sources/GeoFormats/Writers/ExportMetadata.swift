/// Where an exported file comes from, written as top-level members of the document
/// (GeoJSON foreign members, TopoJSON topology members): `"name"`, `"edition"`, `"attribution"`.
public struct ExportMetadata: Sendable, Equatable {
    /// The data set's name (GDAL shows a GeoJSON `name` as the layer name).
    public var name: String
    /// The edition of the source data, e.g. "N03-2024".
    public var edition: String
    /// Credit lines, written as a JSON array of strings in this order.
    public var attribution: [String]

    public init(name: String, edition: String, attribution: [String]) {
        self.name = name
        self.edition = edition
        self.attribution = attribution
    }
}
