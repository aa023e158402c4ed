import BoundaryStore
import GeoCore
import Ledger
import LedgerStatistics
import Reference

/// Builds the coverage-gap reports of an edition: which units of a bureau have no matching
/// project (or no matching cluster site within a distance), ranked by population, with the
/// nearest site and the nearest covered unit of each. Unit polygons are the full-resolution
/// boundaries, read only for the units whose distances are needed (the R-tree's boxes prune the
/// rest), and kept for the builder's lifetime so that `--all-bureaus` reads each once.
public final class GapReportBuilder: @unchecked Sendable {
    public let store: BoundaryStore
    public let edition: Edition
    let level: StatisticsLevel
    let unitLevel: UnitLevel
    let units: [UnitRecord]
    let bounds: [Int64: BoundingBox]
    let bureauNames: [String: String]
    var nearestCache: [Int64: GeodesicNearest] = [:]
    var geometryCache: [Int64: Geometry] = [:]
    var countsCache: [ProjectFilter: [String: Int]] = [:]
    /// Units as GEOS geometries in longitude/latitude, for "do they touch" (the local planes are
    /// affine, so two units touch in a plane exactly when they touch in longitude/latitude).
    var lonLatCache: [Int64: PreparedGeometry] = [:]
    let context = GEOSContext()
    /// Vertices of the full-resolution geometries kept (the three caches above hold forms of
    /// the same units).
    private var cachedVertices = 0
    /// Bytes the kept geometries may take (estimated); beyond it they are dropped and read
    /// again when needed. A server sets it; the CLI keeps everything.
    public var geometryBudgetBytes = Int.max
    /// Estimated bytes per kept vertex: the coordinates, their GEOS copy, the prepared index
    /// and the distance structure.
    static let bytesPerCachedVertex = 96

    /// Bytes held (an estimate for a cache's accounting).
    public var heldBytes: Int {
        units.count * 400 + bounds.count * 64 + cachedVertices * Self.bytesPerCachedVertex
            + countsCache.values.reduce(0) { $0 + $1.count * 48 }
    }

    /// - Parameter level: `.ward` or `.municipality`.
    public init(store: BoundaryStore, edition: Edition, level: StatisticsLevel) throws {
        precondition(level == .ward || level == .municipality, "gap reports are by ward or municipality")
        self.store = store
        self.edition = edition
        self.level = level
        unitLevel = level == .ward ? .ward : .municipality
        units = try store.units(unitLevel, withGeometry: false).filter { $0.code != nil && $0.id != nil }.sorted { $0.code! < $1.code! }
        bounds = try store.unitBounds(unitLevel)
        var names: [String: String] = [:]
        for bureau in try store.units(.bureau, withGeometry: false) { if let id = bureau.code { names[id] = bureau.name } }
        bureauNames = names
    }

    /// The bureau ids, in order.
    public var bureaus: [String] { bureauNames.keys.sorted() }

    /// The report of one bureau.
    /// - Throws: `QueryError` for an unknown bureau or prefecture (with the closest valid ones)
    ///   or a bad distance; the store's and GEOS's errors.
    public func report(_ options: GapReportOptions) throws -> GapReport {
        guard let bureauName = bureauNames[options.bureau] else {
            throw QueryError.unknownBureau(id: options.bureau, closest: ClosestNames.closest(to: options.bureau, in: bureaus, limit: 3))
        }
        var members = units.filter { $0.bureauID == options.bureau }
        if let prefecture = options.prefecture {
            let codes = Set(members.compactMap(\.prefectureCode))
            guard codes.contains(prefecture) else {
                throw QueryError.unknownPrefecture(code: prefecture, bureau: options.bureau, closest: ClosestNames.closest(to: prefecture, in: codes.sorted(), limit: 5))
            }
            members = members.filter { $0.prefectureCode == prefecture }
        }
        if let minimum = options.minimumPopulation { members = members.filter { ($0.population ?? -1) >= minimum } }
        if let km = options.siteKilometres { try QueryError.checkKilometres(km) }

        let sites = try NearQuery.sites(store: store, edition: edition, filter: options.filter).map(\.0)
        let counts = try projectCounts(options.filter)
        var covered: [String: Bool] = [:]
        var nearestSites: [String: (id: String, name: String, plan: String, metres: Double)] = [:]
        for unit in members {
            let code = unit.code!
            if let km = options.siteKilometres {
                let nearest = try nearestSite(to: unit, among: sites, within: km * 1000)
                if let nearest { nearestSites[code] = nearest }
                covered[code] = (nearest?.metres ?? .infinity) <= km * 1000
            } else {
                covered[code] = (counts[code] ?? 0) > 0
            }
        }

        // Every unit of the level counts as a covered neighbour when it is covered, in or out of the bureau.
        let coveredAnywhere: (UnitRecord) throws -> Bool = { unit in
            if let known = covered[unit.code!] { return known }
            if let km = options.siteKilometres {
                return try self.nearestSite(to: unit, among: sites, within: km * 1000).map { $0.metres <= km * 1000 } ?? false
            }
            return (counts[unit.code!] ?? 0) > 0
        }
        var gaps: [GapUnit] = []
        for unit in members where covered[unit.code!] == false {
            let code = unit.code!
            let site = try nearestSites[code] ?? nearestSite(to: unit, among: sites, within: nil)
            gaps.append(GapUnit(code: code, name: unit.name, prefectureCode: unit.prefectureCode ?? "", prefectureName: unit.prefectureName ?? "",
                                population: unit.population, projects: counts[code] ?? 0, nearestSite: site,
                                nearestCovered: try nearestCovered(to: unit, isCovered: coveredAnywhere)))
        }
        gaps.sort { a, b in
            let pa = a.population ?? -1, pb = b.population ?? -1
            return pa != pb ? pa > pb : a.code < b.code
        }

        var summary: [String: PrefectureGapSummary] = [:]
        for unit in members {
            let code = unit.prefectureCode ?? ""
            var line = summary[code] ?? PrefectureGapSummary(code: code, name: unit.prefectureName ?? "", units: 0, uncoveredUnits: 0,
                                                              population: 0, uncoveredPopulation: 0)
            line.units += 1
            line.population += unit.population ?? 0
            if covered[unit.code!] == false {
                line.uncoveredUnits += 1
                line.uncoveredPopulation += unit.population ?? 0
            }
            summary[code] = line
        }
        return GapReport(bureauID: options.bureau, bureauName: bureauName, options: options, gaps: gaps,
                         coveredCodes: members.compactMap { covered[$0.code!] == true ? $0.code : nil },
                         summary: summary.keys.sorted().map { summary[$0]! })
    }

    /// Matching projects per unit code of the level, computed once per filter (all bureaus'
    /// reports share one grouped pass over the edition).
    func projectCounts(_ filter: ProjectFilter) throws -> [String: Int] {
        let key = filter
        if let cached = countsCache[key] { return cached }
        var counts: [String: Int] = [:]
        for row in try UnitStatistics(store: store).compute(edition: edition, level: level, metric: .count, filter: filter) {
            counts[row.code] = row.count
        }
        countsCache[key] = counts
        return counts
    }

    /// The nearest of `sites` to the unit's polygon; with `within`, nil when none is that near
    /// (sites whose box lies farther are never measured).
    func nearestSite(to unit: UnitRecord, among sites: [ClusterSite], within limit: Double?) throws -> (id: String, name: String, plan: String, metres: Double)? {
        guard let box = bounds[unit.id!], !sites.isEmpty else { return nil }
        let candidates = sites.map { (site: $0, bound: GeodesicNearest.lowerBoundMetres(box, $0.geometry.boundingBox)) }
            .filter { limit == nil || $0.bound <= limit! }
            .sorted { ($0.bound, $0.site.id) < ($1.bound, $1.site.id) }
        guard !candidates.isEmpty else { return nil }
        let nearest = try self.nearest(unit)
        var best: (id: String, name: String, plan: String, metres: Double)?
        for candidate in candidates {
            if let best, candidate.bound > best.metres { break }
            let d = try nearest.distance(to: candidate.site.geometry).metres
            if best == nil || (d, candidate.site.id) < (best!.metres, best!.id) {
                best = (candidate.site.id, candidate.site.name, candidate.site.plan, d)
            }
        }
        if let limit, let found = best, found.metres > limit { return nil }
        return best
    }

    /// The nearest covered unit of the level to `unit` (0 m for one sharing a border).
    func nearestCovered(to unit: UnitRecord, isCovered: (UnitRecord) throws -> Bool) throws -> (code: String, name: String, metres: Double)? {
        guard let box = bounds[unit.id!] else { return nil }
        let centre = Coordinate(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)
        let candidates = units.filter { $0.id != unit.id }.compactMap { other -> (UnitRecord, Double, Double)? in
            guard let otherBox = bounds[other.id!] else { return nil }
            let middle = Coordinate(x: (otherBox.minX + otherBox.maxX) / 2, y: (otherBox.minY + otherBox.maxY) / 2)
            return (other, GeodesicNearest.lowerBoundMetres(box, otherBox), abs(middle.x - centre.x) + abs(middle.y - centre.y))
        }.sorted { ($0.1, $0.2, $0.0.code!) < ($1.1, $1.2, $1.0.code!) }
        let nearest = try self.nearest(unit)
        var best: (code: String, name: String, metres: Double)?
        for (other, bound, _) in candidates {
            if let best, bound > best.metres { break }
            guard try isCovered(other) else { continue }
            // A neighbour sharing a border (the common case) needs no measuring.
            let d = try bound == 0 && lonLat(unit).intersects(lonLat(other).geometry) ? 0 : nearest.distance(to: geometry(other)).metres
            if best == nil || (d, other.code!) < (best!.metres, best!.code) { best = (other.code!, other.name, d) }
            if d == 0 { break }
        }
        return best
    }

    /// The full-resolution geometry of the unit with `code` (nil for an unknown code).
    public func geometry(code: String) throws -> Geometry? {
        guard let unit = units.first(where: { $0.code == code }) else { return nil }
        return try geometry(unit)
    }

    /// A unit's full-resolution geometry, read once.
    func geometry(_ unit: UnitRecord) throws -> Geometry {
        if let cached = geometryCache[unit.id!] { return cached }
        guard let record = try store.units(unitLevel, ids: [unit.id!]).first else { return .multiPolygon([]) }
        let vertices = record.geometry.vertexCount
        if (cachedVertices + vertices) * Self.bytesPerCachedVertex > geometryBudgetBytes {
            geometryCache = [:]
            lonLatCache = [:]
            nearestCache = [:]
            cachedVertices = 0
        }
        cachedVertices += vertices
        geometryCache[unit.id!] = record.geometry
        return record.geometry
    }

    /// A unit as a prepared GEOS geometry in longitude/latitude, made once.
    func lonLat(_ unit: UnitRecord) throws -> PreparedGeometry {
        if let cached = lonLatCache[unit.id!] { return cached }
        let made = try PreparedGeometry(GEOSGeometry(geometry(unit), context: context))
        lonLatCache[unit.id!] = made
        return made
    }

    /// A unit prepared for distances, made once.
    func nearest(_ unit: UnitRecord) throws -> GeodesicNearest {
        if let cached = nearestCache[unit.id!] { return cached }
        let made = try GeodesicNearest(geometry(unit), context: context)
        nearestCache[unit.id!] = made
        return made
    }
}
