import Reference

/// One map product, as read from a spec file in `Renderers/` (the format is documented in
/// `Renderers/README.md`): what to draw, how to classify and colour it, where and how large.
/// Every field has been checked by `MapSpecParser`; the renderer trusts it.
public struct MapSpec: Sendable, Equatable {
    /// How values are classed (see `Classification`).
    public struct ClassificationOptions: Sendable, Equatable {
        public var method: ClassificationMethod
        /// Asked-for number of classes (quantiles, equal interval, Fisher–Jenks).
        public var classes: Int
        /// Zero drawn as a class of its own ("no project"), apart from the smallest values.
        public var zeroClass: Bool

        public init(method: ClassificationMethod = .fisherJenks, classes: Int = 5, zeroClass: Bool = true) {
            self.method = method
            self.classes = classes
            self.zeroClass = zeroClass
        }
    }

    /// Which projects count: the same filters as `investmap stats`.
    public typealias Filters = ProjectFilterInput

    /// Projects drawn as circles whose area is proportional to their amount.
    public struct ProjectSymbols: Sendable, Equatable {
        public enum ColorBy: String, Sendable, CaseIterable {
            case plan
            case field
            /// The programme category, in the categories' own colours (the published map's).
            case category
        }

        public var colorBy: ColorBy
        /// Radius (px) of the largest project's circle.
        public var maxRadius: Double

        public init(colorBy: ColorBy = .plan, maxRadius: Double = 22) {
            self.colorBy = colorBy
            self.maxRadius = maxRadius
        }
    }

    /// The spec file (as given on the command line): error messages name it.
    public var source: String
    /// The file's name without its extension: `render --all` writes `NAME.svg`.
    public var name: String
    public var title: String
    public var subtitle: String?
    public var level: MapLevel
    /// nil: no choropleth (units drawn in one neutral colour, e.g. under project symbols).
    public var metric: StatisticsMetric?
    public var filters: Filters
    public var classification: ClassificationOptions
    /// ColorBrewer scheme name (see `Palette`).
    public var palette: String
    public var extent: MapExtent
    /// The simplified scale drawn (nil: the extent's default).
    public var scale: String?
    public var insets: [MapInset]
    /// Thicker lines where neighbouring units lie in different prefectures.
    public var prefectureBorders: Bool
    public var projectSymbols: ProjectSymbols?
    /// Prefecture names on the map, placed without overlaps.
    public var prefectureLabels: Bool
    public var labelFontSize: Double
    /// The legend's heading (nil: the metric's name and unit).
    public var legendTitle: String?
    /// Each legend entry shows how many units it holds.
    public var legendCounts: Bool
    public var width: Int
    public var height: Int
    /// Credits printed after `DataCredits.all`.
    public var attribution: [String]

    public init(source: String, name: String, title: String, subtitle: String? = nil, level: MapLevel,
                metric: StatisticsMetric?, filters: Filters = Filters(), classification: ClassificationOptions = ClassificationOptions(),
                palette: String = "YlOrRd", extent: MapExtent = .nation, scale: String? = nil, insets: [MapInset]? = nil,
                prefectureBorders: Bool = true, projectSymbols: ProjectSymbols? = nil, prefectureLabels: Bool = true,
                labelFontSize: Double = 11, legendTitle: String? = nil, legendCounts: Bool = true,
                width: Int = 1200, height: Int = 1300, attribution: [String] = []) {
        self.source = source
        self.name = name
        self.title = title
        self.subtitle = subtitle
        self.level = level
        self.metric = metric
        self.filters = filters
        self.classification = classification
        self.palette = palette
        self.extent = extent
        self.scale = scale
        self.insets = insets ?? MapInset.defaults(for: extent)
        self.prefectureBorders = prefectureBorders
        self.projectSymbols = projectSymbols
        self.prefectureLabels = prefectureLabels
        self.labelFontSize = labelFontSize
        self.legendTitle = legendTitle
        self.legendCounts = legendCounts
        self.width = width
        self.height = height
        self.attribution = attribution
    }

    /// The scale drawn: the spec's, else the extent's default.
    public var drawnScale: String { scale ?? extent.defaultScale }
}
