import GeoCore
import Reference

/// Renders a coverage-gap map with `MapRenderer`: the block's units (of the report's level)
/// coloured uncovered (strong) / covered (light neutral) / not assessed, prefecture borders and
/// names, the matching projects as small dots and the matching cluster sites as diamonds
/// (areas as outlines), a legend with the counts, the title with the filter, the edition with
/// its note, and the data credits. Its data (`MapData.GapMapData`) comes from the store: the
/// simplified scale for the extent when built, else the full resolution. Same data, same bytes.
public struct GapMapRenderer: Sendable {
    public let reference: ReferenceTables

    /// Fills of the unit categories and colours of the marker layers.
    public static let uncoveredFill = "#d7301f"
    public static let coveredFill = "#e3e6ea"
    public static let notAssessedFill = "#fbfbfb"
    public static let projectColor = "#08306b"
    public static let siteColor = "#7a0177"

    public init(reference: ReferenceTables) {
        self.reference = reference
    }

    /// The map of `request` drawn over `base` (the spec's units, from `spec(_:)`), with the
    /// matching projects and sites as markers.
    /// - Throws: `MapSpecError` when the extent has no unit to draw.
    public func render(_ request: GapMapRequest, spec: MapSpec, base: MapInput, projects: [MapProject], sites: [MapSite]) throws -> RenderedMap {
        var input = base
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
        input.markers = [
            MapMarkerLayer(id: "projects", label: "事業", color: Self.projectColor, pointStyle: .dot,
                           markers: projects.map { MapMarker(id: $0.id, name: $0.name, geometry: .point($0.location), prefectureCode: $0.prefectureCode) }),
            MapMarkerLayer(id: "sites", label: "拠点", color: Self.siteColor, pointStyle: .diamond,
                           markers: sites.map { MapMarker(id: $0.id, name: $0.name, geometry: $0.geometry, prefectureCode: $0.prefectureCode) }),
        ]
        return try MapRenderer().render(spec, input: input)
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

    /// The lon/lat box of a site as the map draws it; nil for a geometry it does not draw.
    public static func markerBox(of geometry: Geometry) -> BoundingBox? {
        MarkerOverlay.box(of: geometry)
    }
}
