import Reference

/// What `TilePyramidBuilder` makes: the zooms, the metric and its classes (by default those of
/// the municipal amount maps in Renderers/), the tile geometry and the size cap.
public struct TilePyramidOptions: Sendable, Equatable {
    public var minZoom: Int
    public var maxZoom: Int
    public var metric: StatisticsMetric
    public var classification: MapSpec.ClassificationOptions
    /// ColorBrewer scheme name (see `Palette`).
    public var palette: String
    /// From this zoom on tiles hold the layer "municipalities" (N03 units), below it "prefectures".
    public var municipalitiesFromZoom: Int
    /// Tile units across one tile.
    public var extent: Int
    /// Tile units kept beyond each tile edge.
    public var buffer: Int
    /// Tiles larger than this many bytes are drawn again from coarser tile scales until they
    /// fit (or the coarsest is reached); those still larger are reported.
    public var maxTileBytes: Int
    /// Where the pyramid will be served, ending in "/" (TileJSON wants absolute tile URLs:
    /// "https://example.org/tiles/{z}/{x}/{y}.json"); nil writes the template relative to
    /// tiles.json, for a folder whose address is not known yet (the viewer resolves it).
    public var baseURL: String?
    /// From this zoom on the "projects" layer lists projects one by one; below it, clusters.
    public var projectPointsFromZoom: Int
    /// Tile units per side of a project cluster's cell (256 of 4096: 16 cells across a tile).
    public var clusterCell: Int

    public init(minZoom: Int, maxZoom: Int, metric: StatisticsMetric = .totalInvestment,
                classification: MapSpec.ClassificationOptions = MapSpec.ClassificationOptions(),
                palette: String = "OrRd", municipalitiesFromZoom: Int = 6, extent: Int = 4096, buffer: Int = 64,
                maxTileBytes: Int = 500_000, projectPointsFromZoom: Int = 9, clusterCell: Int = 256, baseURL: String? = nil) {
        self.minZoom = minZoom
        self.maxZoom = maxZoom
        self.metric = metric
        self.classification = classification
        self.palette = palette
        self.municipalitiesFromZoom = municipalitiesFromZoom
        self.extent = extent
        self.buffer = buffer
        self.maxTileBytes = maxTileBytes
        self.projectPointsFromZoom = projectPointsFromZoom
        self.clusterCell = clusterCell
        self.baseURL = baseURL
    }
}
