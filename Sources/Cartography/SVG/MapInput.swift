import GeoCore

/// Everything a map draws, read from the store by `MapDataLoader` (or built by hand in tests):
/// the units of the spec's level inside its extent with their values, the areas no
/// municipality owns (所属未定地, drawn neutral so the coverage has no holes), the names of the
/// prefectures that label the map, the projects for symbols, and the edition; a map without a
/// metric may colour its units by category and draw layers of markers over them.
public struct MapInput: Sendable, Equatable {
    /// In code order.
    public var units: [MapUnit]
    /// 所属未定地 polygons inside the extent (ward and city maps only: prefectures and blocks
    /// already include them).
    public var unassigned: [MapUnit]
    /// Prefecture names by code, for the labels of ward and city maps (their prefectures'
    /// shapes are dissolved from the units); prefecture and bureau maps label their own units.
    public var prefectureNames: [String: String]
    /// Projects already filtered by the spec's filters and extent, in id order.
    public var projects: [MapProject]
    /// What project symbols are coloured by (plan types or strategic fields), in legend order.
    public var categories: [MapCategory]
    public var edition: MapEdition
    /// The simplified scale the geometry comes from (named in the description).
    public var scale: String
    /// The extent in words: 全国, a bureau's block, a prefecture's name.
    public var extentName: String
    /// On a map without a metric: units coloured by category (a gap map's uncovered / covered).
    public var unitCategories: MapUnitCategories?
    /// Layers of markers drawn over the units (a gap map's projects and sites).
    public var markers: [MapMarkerLayer]

    public init(units: [MapUnit], unassigned: [MapUnit] = [], prefectureNames: [String: String] = [:], projects: [MapProject] = [],
                categories: [MapCategory] = [], edition: MapEdition, scale: String, extentName: String = "全国",
                unitCategories: MapUnitCategories? = nil, markers: [MapMarkerLayer] = []) {
        self.units = units
        self.unassigned = unassigned
        self.prefectureNames = prefectureNames
        self.projects = projects
        self.categories = categories
        self.edition = edition
        self.scale = scale
        self.extentName = extentName
        self.unitCategories = unitCategories
        self.markers = markers
    }
}
