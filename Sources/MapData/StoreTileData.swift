import BoundaryStore
import Cartography
import GeoCore
import Ledger
import LedgerStatistics
import Reference

/// The tile pyramid's data (`TileDataSource`) of one edition, read from the store: the units of
/// each layer at each scale, their statistics (the numbers `investmap stats` prints), and the
/// projects and sites that the default filter passes (withdrawn ones left out).
public struct StoreTileData: TileDataSource {
    public let store: BoundaryStore
    /// The edition as the store knows it (the statistics and queries take it).
    public let storeEdition: Edition
    public let edition: MapEdition
    public var storeName: String { store.path }

    /// - Throws: `StoreError` when the store cannot be read.
    public init(store: BoundaryStore, edition: Edition) throws {
        self.store = store
        self.storeEdition = edition
        self.edition = MapDataLoader.mapEdition(
            edition, boundaryFill: MapDataLoader.fillCredit(try store.units(.ward, withGeometry: false)))
    }

    public func builtScales() throws -> [String] {
        try store.simplifiedLevels().map(\.name)
    }

    public func units(_ level: MapLevel, scale: String) throws -> [MapUnit] {
        Self.mapUnits(try store.units(level.unitLevel, scale: scale))
    }

    /// The units near a tile, from the level's R-tree.
    public func units(_ level: MapLevel, scale: String, intersecting box: BoundingBox) throws -> [MapUnit] {
        Self.mapUnits(try store.units(level.unitLevel, scale: scale, intersecting: box))
    }

    /// Store units with a code as maps draw them, in code order.
    static func mapUnits(_ records: [UnitRecord]) -> [MapUnit] {
        records.compactMap { record in
            guard let code = record.code else { return nil }
            return MapUnit(code: code, name: record.name, prefectureCode: record.prefectureCode, bureauID: record.bureauID,
                           polygons: record.geometry.polygons, value: nil)
        }.sorted { $0.code < $1.code }
    }

    public func statistics(_ level: MapLevel, metric: StatisticsMetric) throws -> [UnitValue] {
        try UnitStatistics(store: store).compute(edition: storeEdition, level: level.statisticsLevel, metric: metric)
            .map { UnitValue(code: $0.code, name: $0.name, value: $0.value) }
    }

    public func projects() throws -> [MapProject] {
        try store.projectPoints(edition: storeEdition).map(MapDataLoader.mapProject)
    }

    public func sites() throws -> [MapSite] {
        let filter = ProjectFilter()
        return try store.sites(edition: storeEdition).filter { filter.accepts($0.site) }.map { Self.mapSite($0.site, prefectureCode: $0.join.prefectureCode) }
    }

    /// A cluster site as maps and tiles draw it.
    static func mapSite(_ site: ClusterSite, prefectureCode: String?) -> MapSite {
        MapSite(id: site.id, name: site.name, plan: site.plan, fields: site.fields, status: site.status.rawValue,
                geometry: site.geometry, prefectureCode: prefectureCode)
    }
}
