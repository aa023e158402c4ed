import BoundaryStore
import Cartography
import GeoCore
import LedgerStatistics
import Reference

/// Reads what a spec draws from the store: the units of its level at its scale inside its
/// extent, their values from `UnitStatistics` (the numbers `investmap stats` prints), the
/// 所属未定地 areas, the prefectures' names for labels, the projects for symbols and the edition.
public struct MapDataLoader: Sendable {
    public let store: BoundaryStore
    public let reference: ReferenceTables

    public init(store: BoundaryStore, reference: ReferenceTables) {
        self.store = store
        self.reference = reference
    }

    /// The input of `spec` for `edition`.
    /// - Throws: `MapSpecError` naming the spec when its scale has not been built or its level
    ///   has no unit in its extent; the store's errors as they are.
    public func load(_ spec: MapSpec, edition: Edition) throws -> MapInput {
        let scale = spec.drawnScale
        let built = try store.simplifiedLevels().map(\.name)
        guard built.contains(scale) else {
            throw MapSpecError(source: spec.source, key: spec.scale == nil ? "extent" : "scale",
                               reason: "scale '\(scale)' has not been built in \(store.path) (built: \(built.isEmpty ? "none" : built.joined(separator: ", "))); run `investmap simplify`")
        }
        return try load(spec, edition: edition, scale: scale)
    }

    /// The name `MapInput.scale` gives the full-resolution boundaries.
    public static let fullResolution = "full resolution"

    /// The input of `spec` for `edition` drawn at `scale`, which must have been built, or at
    /// full resolution when nil (a map that must draw even before `investmap simplify` ran,
    /// e.g. a gap map; larger documents). `spec.scale` is not consulted.
    public func load(_ spec: MapSpec, edition: Edition, scale: String?) throws -> MapInput {
        let records = try store.units(spec.level.unitLevel, scale: scale).filter { inExtent($0, spec.extent) && $0.code != nil }
        guard !records.isEmpty else {
            throw MapSpecError(source: spec.source, key: "level",
                               reason: "level \(spec.level.rawValue) has no units at scale \(scale ?? Self.fullResolution) in extent \(spec.extent)")
        }
        var valueByCode: [String: Double?] = [:]
        if let metric = spec.metric {
            let rows = try UnitStatistics(store: store).compute(edition: edition, level: spec.level.statisticsLevel, metric: metric,
                                                                filter: spec.filters.storeFilter)
            for row in rows { valueByCode[row.code] = row.value }
        }
        let units = records.map { record in Self.mapUnit(record, level: spec.level, value: valueByCode[record.code!] ?? nil) }

        var unassigned: [MapUnit] = []
        if spec.level == .municipality || spec.level == .city {
            unassigned = try store.units(.unassigned, scale: scale).filter { inExtent($0, spec.extent) }.map { record in
                MapUnit(code: record.code ?? "", name: record.name, prefectureCode: record.prefectureCode, bureauID: record.bureauID,
                        polygons: record.geometry.polygons, value: nil)
            }
        }

        var prefectureNames: [String: String] = [:]
        if spec.prefectureLabels && (spec.level == .municipality || spec.level == .city) {
            for prefecture in reference.prefectures { prefectureNames[prefecture.code] = prefecture.name }
        }

        var projects: [MapProject] = []
        var categories: [MapCategory] = []
        if let symbols = spec.projectSymbols {
            for point in try store.projectPoints(edition: edition, filter: spec.filters.storeFilter) {
                guard spec.extent.contains(prefectureCode: point.prefectureCode, bureauID: point.bureauID), point.prefectureCode != nil else { continue }
                projects.append(Self.mapProject(point))
            }
            switch symbols.colorBy {
            case .plan: categories = reference.planTypes.map { MapCategory(id: $0.id, name: $0.name) }
            case .field: categories = reference.strategicFields.sorted { $0.order < $1.order }.map { MapCategory(id: $0.id, name: $0.name) }
            case .category: categories = reference.programmeCategories.map { MapCategory(id: $0.id, name: $0.name, colour: $0.colour) }
            }
        }

        return MapInput(units: units, unassigned: unassigned, prefectureNames: prefectureNames, projects: projects, categories: categories,
                        edition: Self.mapEdition(edition, boundaryEdition: records.first?.edition, boundaryFill: Self.fillCredit(records)),
                        scale: scale ?? Self.fullResolution, extentName: extentName(spec.extent))
    }

    /// The edition as maps print it: name, status, its own date (published, else created) and note.
    public static func mapEdition(_ edition: Edition, boundaryEdition: String? = nil, boundaryFill: String? = nil) -> MapEdition {
        MapEdition(name: edition.name, status: edition.status.rawValue, date: String((edition.publishedAt ?? edition.createdAt).prefix(10)),
                   note: edition.note, boundaryEdition: edition.boundaryEdition ?? boundaryEdition, boundaryFill: boundaryFill)
    }

    /// Every credit a map or an answer drawn from `store`'s boundaries carries: `DataCredits.all`,
    /// with the fill credit when some of its units were filled from a coarser coverage.
    public static func credits(of store: BoundaryStore) throws -> [String] {
        DataCredits.all(fill: fillCredit(try store.units(.ward, withGeometry: false)))
    }

    /// The credit of the fill sources of `records` (`DataCredits.fill`), nil when none of them
    /// was filled from a coarser coverage.
    public static func fillCredit(_ records: [UnitRecord]) -> String? {
        let filled = records.filter { $0.fillSource != nil }
        var sources: Set<String> = []
        for record in filled {
            let files = record.fillSources, editions = record.fillEditions
            for (index, file) in files.enumerated() {
                sources.insert(index < editions.count && files.count == editions.count ? "\(file)（\(editions[index])）" : file)
            }
        }
        return DataCredits.fill(sources: sources.sorted(), units: filled.count)
    }

    /// A project as maps and tiles draw it.
    public static func mapProject(_ point: ProjectPoint) -> MapProject {
        var project = MapProject(
            id: point.id, name: point.name, plan: point.plan, field: point.field, totalInvestmentJPY: point.totalInvestmentJPY.map(Double.init),
            location: point.location, prefectureCode: point.prefectureCode, wardCode: point.wardCode, status: point.status,
            category: point.category, precision: point.precision)
        project.supportJPY = point.supportJPY.map(Double.init)
        project.company = point.company
        project.companySize = point.companySize
        project.programme = point.programme
        project.wageCommitmentPct = point.wageCommitmentPct
        return project
    }

    /// The extent in words: 全国, "関東経済産業局 管内", 東京都.
    public func extentName(_ extent: MapExtent) -> String {
        switch extent {
        case .nation: "全国"
        case .bureau(let id): reference.bureau(id: id).map { "\($0.name) 管内" } ?? id
        case .prefecture(let code): reference.prefecture(code: code)?.name ?? code
        }
    }

    func inExtent(_ record: UnitRecord, _ extent: MapExtent) -> Bool {
        switch record.level {
        case .bureau: extent.contains(prefectureCode: nil, bureauID: record.code)
        case .prefecture: extent.contains(prefectureCode: record.code, bureauID: record.bureauID ?? reference.bureau(forPrefecture: record.code ?? "")?.id)
        default: extent.contains(prefectureCode: record.prefectureCode, bureauID: record.bureauID)
        }
    }

    static func mapUnit(_ record: UnitRecord, level: MapLevel, value: Double?) -> MapUnit {
        switch level {
        case .bureau:
            MapUnit(code: record.code!, name: record.name, prefectureCode: nil, bureauID: record.code,
                    polygons: record.geometry.polygons, value: value)
        case .prefecture:
            MapUnit(code: record.code!, name: record.name, prefectureCode: record.code, bureauID: record.bureauID,
                    polygons: record.geometry.polygons, value: value)
        case .municipality, .city:
            MapUnit(code: record.code!, name: record.name, prefectureCode: record.prefectureCode, bureauID: record.bureauID,
                    polygons: record.geometry.polygons, value: value)
        }
    }
}
