import Foundation
import GeoCore
import Reference
import BoundaryStore

/// Answers which unit a lon/lat point falls in, against the store's N03 units: an R-tree of the
/// units' boxes (GEOS's, or the store's own), then a prepared-geometry "covers" test on the
/// candidates (built lazily, so a unit is indexed only once a point falls in its box). Points outside every unit get the
/// nearest unit within `maxSeaDistanceKm` (ports, coastal address points), measured on the
/// GRS80 ellipsoid from the point to the unit's nearest boundary point.
///
/// Not thread safe (it owns one GEOS context); make one per thread.
public final class PointLocator {
    /// How units reach the locator: all at once (many points), or as the store's R-tree finds
    /// candidates (one or a few points: reads a handful of units instead of the whole layer).
    public enum Loading: Sendable {
        case all
        case onDemand
    }

    public let maxSeaDistanceKm: Double
    private let store: BoundaryStore
    private let loading: Loading
    private let context = GEOSContext()
    /// Units read so far, and their prepared geometries (built on first use).
    private var units: [UnitRecord] = []
    private var prepared: [PreparedGeometry?] = []
    private var indexOfFeature: [String: Int] = [:]
    /// With `.all`: an index over every unit's box.
    private var tree: STRtree?
    private let cityNames: [String: String]
    private let bureauNames: [String: String]
    private static let levels: [UnitLevel] = [.ward, .unassigned]

    /// A locator over the store's N03 units (wards, municipalities and 所属未定地).
    /// - Throws: the store's errors; `LocateError.emptyStore` when nothing was imported.
    public init(store: BoundaryStore, maxSeaDistanceKm: Double = 5, loading: Loading = .all) throws {
        self.store = store
        self.maxSeaDistanceKm = maxSeaDistanceKm
        self.loading = loading
        guard try store.count(.ward) + store.count(.unassigned) > 0 else { throw LocateError.emptyStore(store.path) }
        var cityNames: [String: String] = [:]
        for city in try store.units(.municipality, withGeometry: false) {
            cityNames[city.code!] = city.name
        }
        self.cityNames = cityNames
        var bureauNames: [String: String] = [:]
        for bureau in try store.units(.bureau, withGeometry: false) {
            bureauNames[bureau.code!] = bureau.name
        }
        self.bureauNames = bureauNames
        if loading == .all {
            for level in Self.levels { remember(try store.units(level)) }
            let tree = try STRtree(context: context)
            for (i, unit) in units.enumerated() {
                try tree.insert(unit.geometry.boundingBox, item: i)
            }
            self.tree = tree
        }
    }

    /// Locates one point given as longitude, latitude in degrees.
    public func locate(_ point: Coordinate) throws -> PointLocation {
        let geometry = try GEOSGeometry(point: point, context: context)
        let box = BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
        // Candidates in code order (所属未定地 last): a point on a shared border goes to the
        // lowest code, the same answer every time.
        for i in try candidates(box) where try preparedGeometry(i).covers(geometry) {
            return location(of: units[i], match: units[i].code == nil ? .unassigned : .inside)
        }
        guard maxSeaDistanceKm > 0 else { return .nowhere }
        // Degrees spanned by the search radius (a little generous, so no candidate is missed).
        let dy = maxSeaDistanceKm / 110.0
        let dx = maxSeaDistanceKm / (111.4 * max(0.05, cos(point.y * .pi / 180)))
        var best: (index: Int, metres: Double)?
        for i in try candidates(box.expanded(dx: dx, dy: dy)) where units[i].code != nil {
            let (onUnit, _) = try preparedGeometry(i).nearestPoints(to: geometry)
            let metres = GeodesicDistance.metres(from: point, to: onUnit)
            if metres <= maxSeaDistanceKm * 1000, metres < (best?.metres ?? .infinity) {
                best = (i, metres)
            }
        }
        guard let best else { return .nowhere }
        return location(of: units[best.index], match: .nearest(km: best.metres / 1000))
    }

    /// Indices into `units` of the units whose boxes meet `box`, in code order.
    private func candidates(_ box: BoundingBox) throws -> [Int] {
        var found: [Int]
        if let tree {
            found = try tree.query(box)
        } else {
            found = []
            for level in Self.levels {
                let ids = try store.unitIDs(level, intersecting: box)
                let missing = ids.filter { indexOfFeature[Self.key(level, $0)] == nil }
                if !missing.isEmpty { remember(try store.units(level, ids: missing)) }
                found += ids.compactMap { indexOfFeature[Self.key(level, $0)] }
            }
        }
        return found.sorted { (units[$0].code ?? "~", $0) < (units[$1].code ?? "~", $1) }
    }

    private static func key(_ level: UnitLevel, _ fid: Int64) -> String { "\(level.rawValue):\(fid)" }

    private func remember(_ records: [UnitRecord]) {
        for record in records {
            indexOfFeature[Self.key(record.level, record.id ?? -1)] = units.count
            units.append(record)
            prepared.append(nil)
        }
    }

    private func preparedGeometry(_ i: Int) throws -> PreparedGeometry {
        if let p = prepared[i] { return p }
        let p = try PreparedGeometry(GEOSGeometry(units[i].geometry, context: context))
        prepared[i] = p
        return p
    }

    private func location(of unit: UnitRecord, match: PointLocation.Match) -> PointLocation {
        let city = unit.cityCode
        return PointLocation(
            municipalityCode: unit.code, municipalityName: unit.code == nil ? nil : unit.name,
            cityCode: city, cityName: city.flatMap { cityNames[$0] },
            prefectureCode: unit.prefectureCode, prefectureName: unit.prefectureName,
            bureauID: unit.bureauID, bureauName: unit.bureauID.flatMap { bureauNames[$0] }, match: match)
    }
}

/// Errors of the locate queries that are the user's to fix.
public enum LocateError: Error, CustomStringConvertible, Sendable {
    case emptyStore(String)
    case coordinateOutOfRange(String)

    public var description: String {
        switch self {
        case .emptyStore(let path): "\(path): no boundaries in the store; run `investmap import boundaries` first"
        case .coordinateOutOfRange(let what): what
        }
    }
}
