import GeoCore
import Reference

/// What a tile pyramid is drawn from: one edition's units, statistics, projects and sites.
/// Cartography draws; the map-data layer (`MapData.StoreTileData`) reads these from the store.
public protocol TileDataSource: Sendable {
    /// The edition the tiles show.
    var edition: MapEdition { get }
    /// The store (or other source), as error messages name it.
    var storeName: String { get }
    /// The simplified scales that have been built ("z4" … "z10", "500m", …).
    func builtScales() throws -> [String]
    /// Every unit of `level` at `scale` that has a code, in code order.
    func units(_ level: MapLevel, scale: String) throws -> [MapUnit]
    /// The units of `level` at `scale` whose envelope meets `box` (lon/lat; a superset is
    /// fine), in code order: what one tile needs.
    func units(_ level: MapLevel, scale: String, intersecting box: BoundingBox) throws -> [MapUnit]
    /// Every unit of `level` with the metric's value (nil where it cannot be computed).
    func statistics(_ level: MapLevel, metric: StatisticsMetric) throws -> [UnitValue]
    /// The projects the tiles show (withdrawn ones left out), in id order.
    func projects() throws -> [MapProject]
    /// The cluster sites the tiles show (withdrawn ones left out), in id order.
    func sites() throws -> [MapSite]
}

extension TileDataSource {
    /// Every unit, filtered by envelope (sources with a spatial index answer this themselves).
    public func units(_ level: MapLevel, scale: String, intersecting box: BoundingBox) throws -> [MapUnit] {
        try units(level, scale: scale).filter { Geometry.multiPolygon($0.polygons).boundingBox.intersects(box) }
    }
}

/// One unit's value of a metric.
public struct UnitValue: Sendable, Equatable {
    public var code: String
    public var name: String
    public var value: Double?

    public init(code: String, name: String, value: Double?) {
        self.code = code
        self.name = name
        self.value = value
    }
}

/// A cluster site as maps and tiles draw it.
public struct MapSite: Sendable, Equatable {
    public var id: String
    public var name: String
    public var plan: String
    public var fields: [String]
    public var status: String
    /// A point or an area, lon/lat.
    public var geometry: Geometry
    public var prefectureCode: String?

    public init(id: String, name: String, plan: String, fields: [String], status: String, geometry: Geometry, prefectureCode: String?) {
        self.id = id
        self.name = name
        self.plan = plan
        self.fields = fields
        self.status = status
        self.geometry = geometry
        self.prefectureCode = prefectureCode
    }
}
