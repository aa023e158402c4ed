import BoundaryStore
import GeoCore
import Ledger
import LedgerStatistics
import Reference

/// Renders a coverage-gap map with `MapRenderer`: the block's units (of the report's level)
/// coloured uncovered (strong) / covered (light neutral) / not assessed, prefecture borders and
/// names, the matching projects as small dots and the matching cluster sites as diamonds
/// (areas as outlines), a legend with the counts, the title with the filter, the edition with
/// its note, and the data credits. The geometry is the store's simplified scale for the extent
/// (`bureau`, or `prefecture` for one prefecture) when it has been built, else the full
/// resolution (larger documents). Same store and request, same bytes.
public struct GapMapRenderer: Sendable {
    public let store: BoundaryStore
    public let reference: ReferenceTables

    /// Fills of the unit categories and colours of the marker layers.
    public static let uncoveredFill = "#d7301f"
    public static let coveredFill = "#e3e6ea"
    public static let notAssessedFill = "#fbfbfb"
    public static let projectColor = "#08306b"
    public static let siteColor = "#7a0177"

    public init(store: BoundaryStore, reference: ReferenceTables) {
        self.store = store
        self.reference = reference
    }

    /// The map of `request` for `edition`.
    /// - Throws: `MapSpecError` when the extent has no unit to draw; the store's errors.
    public func render(_ request: GapMapRequest, edition: String) throws -> RenderedMap {
        let spec = self.spec(request)
        return try MapRenderer().render(spec, input: try input(request, spec: spec, edition: edition))
    }

    /// The spec of the map: no metric, the extent's units at the report's level, prefecture
    /// borders and labels, the extent's default insets (Ogasawara for Kanto and Tokyo).
    public func spec(_ request: GapMapRequest) -> MapSpec {
        let extent: MapExtent = request.prefectureCode.map { .prefecture($0) } ?? .bureau(request.bureauID)
        var title = "\(request.bureauName) 管内の空白地域"
        if let code = request.prefectureCode { title += "（\(reference.prefecture(code: code)?.name ?? code)）" }
        let unitName = request.level == .ward ? "市区町村（政令市は区）" : "市区町村"
        let rule = request.siteKilometres.map { "該当する拠点から\(SVGNumber.text($0, decimals: 3)) km以内にない\(unitName)" }
            ?? "該当する事業のない\(unitName)"
        return MapSpec(source: "gaps --bureau \(request.bureauID)", name: "gaps_\(request.bureauID)", title: title,
                       subtitle: "対象: \(filterText(request.filter))　空白: \(rule)", level: request.level == .ward ? .municipality : .city,
                       metric: nil, extent: extent, prefectureBorders: true, projectSymbols: nil, prefectureLabels: true,
                       legendCounts: true, width: 1200, height: 1000)
    }

    /// The filter in words: "計画 B（地域産業クラスター計画）・分野 AI・半導体・状態 operating".
    public func filterText(_ filter: ProjectFilter) -> String {
        var parts: [String] = []
        if let plan = filter.plan {
            parts.append("計画 \(plan)" + (reference.planTypes.first { $0.id == plan }.map { "（\($0.name)）" } ?? ""))
        }
        if let field = filter.field { parts.append("分野 \(reference.strategicFields.first { $0.id == field }?.name ?? field)") }
        if let status = filter.status { parts.append("状態 \(status)") }
        if parts.isEmpty { return filter.includeWithdrawn ? "すべての事業" : "すべての事業（撤回を除く）" }
        return parts.joined(separator: "・")
    }

    /// What the map draws: the units with their categories, the projects and sites as markers.
    public func input(_ request: GapMapRequest, spec: MapSpec, edition: String) throws -> MapInput {
        let built = Set(try store.simplifiedLevels().map(\.name))
        let scale = [spec.extent.defaultScale, MapExtent.bureau(request.bureauID).defaultScale].first { built.contains($0) }
        var input = try MapDataLoader(store: store, reference: reference).load(spec, edition: edition, scale: scale)

        var keyByCode: [String: String] = [:]
        for code in request.coveredCodes { keyByCode[code] = "covered" }
        for code in request.uncoveredCodes { keyByCode[code] = "uncovered" }
        var categories = [MapUnitCategories.Category(key: "uncovered", color: Self.uncoveredFill, label: "空白（該当なし）"),
                          MapUnitCategories.Category(key: "covered", color: Self.coveredFill, label: "カバー済み")]
        if input.units.contains(where: { keyByCode[$0.code] == nil }) {
            let label = request.minimumPopulation.map { "対象外（人口\(JapaneseNumberText.text($0, decimals: 0))人未満）" } ?? "対象外"
            categories.append(MapUnitCategories.Category(key: "not-assessed", color: Self.notAssessedFill, label: label))
        }
        input.unitCategories = MapUnitCategories(heading: "カバー状況", categories: categories, keyByCode: keyByCode)

        let projects = try store.projectPoints(edition: input.edition.name, filter: request.filter).filter {
            spec.extent.contains(prefectureCode: $0.prefectureCode, bureauID: $0.bureauID)
        }
        var unitBounds = BoundingBox.empty
        for unit in input.units { for polygon in unit.polygons { for c in polygon.exterior.coordinates { unitBounds.extend(c) } } }
        // The extent's sites; with a distance, also those beyond its borders but over its map.
        let sites = try store.sites(edition: input.edition.name).filter { site, join in
            guard request.filter.accepts(site) else { return false }
            if spec.extent.contains(prefectureCode: join.prefectureCode, bureauID: join.bureauID) { return true }
            guard request.siteKilometres != nil, let box = MarkerOverlay.box(of: site.geometry) else { return false }
            return unitBounds.contains(Coordinate(x: box.minX, y: box.minY)) && unitBounds.contains(Coordinate(x: box.maxX, y: box.maxY))
        }
        input.markers = [
            MapMarkerLayer(id: "projects", label: "事業", color: Self.projectColor, pointStyle: .dot,
                           markers: projects.map { MapMarker(id: $0.id, name: $0.name, geometry: .point($0.location), prefectureCode: $0.prefectureCode) }),
            MapMarkerLayer(id: "sites", label: "拠点", color: Self.siteColor, pointStyle: .diamond,
                           markers: sites.map { MapMarker(id: $0.site.id, name: $0.site.name, geometry: $0.site.geometry, prefectureCode: $0.join.prefectureCode) }),
        ]
        return input
    }
}
