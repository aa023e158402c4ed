import Foundation
import GeoCore
import Reference
import BoundaryStore

/// Answers which unit a lon/lat point falls in, against the store's N03 units: an R-tree of the
/// units' boxes, then a prepared-geometry "covers" test on the candidates (built lazily, so a
/// unit is indexed only once a point falls in its box). Points outside every unit get the
/// nearest unit within `maxSeaDistanceKm` (ports, coastal address points), measured on the
/// GRS80 ellipsoid from the point to the unit's nearest boundary point.
///
/// Not thread safe (it owns one GEOS context); make one per thread.
public final class PointLocator {
    public let maxSeaDistanceKm: Double
    private let context = GEOSContext()
    private let units: [UnitRecord]
    private let tree: STRtree
    private var prepared: [PreparedGeometry?]
    private let cityNames: [String: String]
    private let bureauNames: [String: String]

    /// Loads the N03 units (wards, municipalities and 所属未定地) of `store`.
    /// - Throws: the store's errors; `LocateError.emptyStore` when nothing was imported.
    public init(store: BoundaryStore, maxSeaDistanceKm: Double = 5) throws {
        self.maxSeaDistanceKm = maxSeaDistanceKm
        let units = try store.units(.ward) + store.units(.unassigned)
        guard !units.isEmpty else { throw LocateError.emptyStore(store.path) }
        self.units = units
        tree = try STRtree(context: context)
        for (i, unit) in units.enumerated() {
            try tree.insert(unit.geometry.boundingBox, item: i)
        }
        prepared = Array(repeating: nil, count: units.count)
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
    }

    /// Locates one point given as longitude, latitude in degrees.
    public func locate(_ point: Coordinate) throws -> PointLocation {
        let geometry = try GEOSGeometry(point: point, context: context)
        let box = BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
        // Candidates come sorted by index, which is code order: a point on a shared border
        // goes to the lowest code, the same answer every time.
        for i in try tree.query(box) where try preparedGeometry(i).covers(geometry) {
            return location(of: units[i], match: units[i].code == nil ? .unassigned : .inside)
        }
        guard maxSeaDistanceKm > 0 else { return .nowhere }
        // Degrees spanned by the search radius (a little generous, so no candidate is missed).
        let dy = maxSeaDistanceKm / 110.0
        let dx = maxSeaDistanceKm / (111.4 * max(0.05, cos(point.y * .pi / 180)))
        var best: (index: Int, metres: Double)?
        for i in try tree.query(box.expanded(dx: dx, dy: dy)) where units[i].code != nil {
            let (onUnit, _) = try preparedGeometry(i).nearestPoints(to: geometry)
            let metres = GeodesicDistance.metres(from: point, to: onUnit)
            if metres <= maxSeaDistanceKm * 1000, metres < (best?.metres ?? .infinity) {
                best = (i, metres)
            }
        }
        guard let best else { return .nowhere }
        return location(of: units[best.index], match: .nearest(km: best.metres / 1000))
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
