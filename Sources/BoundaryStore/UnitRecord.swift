import GeoCore
import Reference

/// One administrative unit as stored in its level's feature table.
public struct UnitRecord: Sendable, Equatable {
    /// The N03 attribute names kept as columns (n03_001 …) for ward and unassigned rows.
    public static let n03Keys = ["N03_001", "N03_002", "N03_003", "N03_004", "N03_007"]

    /// The feature id (GeoPackage fid) once stored; nil for records not read from a store.
    /// The ids `BoundaryStore.unitIDs(_:intersecting:)` returns are these.
    public var id: Int64?
    /// 5-digit code (bureaus: the bureau id, e.g. "kanto"); nil for unassigned areas.
    public var code: String?
    /// Display name as data, e.g. "札幌市中央区", "北海道", "関東経済産業局".
    public var name: String
    public var level: UnitLevel
    /// "01" … "47".
    public var prefectureCode: String?
    public var prefectureName: String?
    /// Municipality-level code: a ward's city, else the unit's own code.
    public var cityCode: String?
    public var bureauID: String?
    /// N03_001 … N03_004 and N03_007 as read. Stored only for ward and unassigned rows; other keys
    /// and other levels' values are not stored. Read back with all five keys (nil values for NULL).
    public var n03: [String: String?]
    /// Boundary edition, e.g. "N03-22_220101".
    public var edition: String
    /// 2020 census population where known.
    public var population: Double?
    public var households: Double?
    /// Polygons read for this unit before repair.
    public var sourceParts: Int
    /// nil, or what repair was done.
    public var repairNote: String?
    /// nil when the geometry comes from the import's own files; else the coarser coverage it
    /// was filled from (`import boundaries --fill-from`), as a file name, e.g.
    /// "N03-21_210101_s0010.topojson". A unit dissolved from members lists their fill sources
    /// ("; "-separated): some of its geometry is coarser than the rest.
    public var fillSource: String?
    /// The boundary edition of `fillSource` ("N03-21_210101"; "; "-separated like it).
    public var fillEdition: String?

    /// `fillSource` as a list (empty when the geometry is the import's own).
    public var fillSources: [String] { Self.list(fillSource) }
    /// `fillEdition` as a list, in the order of `fillSources`.
    public var fillEditions: [String] { Self.list(fillEdition) }

    /// The "; "-separated text a dissolved unit stores for its members' fill sources or
    /// editions: each distinct one once, sorted; nil for none.
    public static func listed(_ values: [String]) -> String? {
        let distinct = Set(values)
        return distinct.isEmpty ? nil : distinct.sorted().joined(separator: "; ")
    }

    private static func list(_ text: String?) -> [String] {
        text.map { $0.components(separatedBy: "; ") } ?? []
    }
    /// `.multiPolygon` (a `.polygon` is stored as a one-member multipolygon), EPSG:4326 lon/lat.
    public var geometry: Geometry

    public init(
        code: String?, name: String, level: UnitLevel,
        prefectureCode: String? = nil, prefectureName: String? = nil, cityCode: String? = nil, bureauID: String? = nil,
        n03: [String: String?] = [:], edition: String,
        population: Double? = nil, households: Double? = nil,
        sourceParts: Int, repairNote: String? = nil, fillSource: String? = nil, fillEdition: String? = nil,
        geometry: Geometry, id: Int64? = nil
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.prefectureCode = prefectureCode
        self.prefectureName = prefectureName
        self.cityCode = cityCode
        self.bureauID = bureauID
        self.n03 = n03
        self.edition = edition
        self.population = population
        self.households = households
        self.sourceParts = sourceParts
        self.repairNote = repairNote
        self.fillSource = fillSource
        self.fillEdition = fillEdition
        self.geometry = geometry
    }
}
