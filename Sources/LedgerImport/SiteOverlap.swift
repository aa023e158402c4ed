import GeoCore
import BoundaryStore

/// The units a polygon cluster site overlaps, by area of overlap on the GRS80 ellipsoid: the
/// store's R-tree finds the candidate units, GEOS intersects, `EllipsoidalArea` measures.
final class SiteOverlap {
    private let store: BoundaryStore
    private let context = GEOSContext()
    private var units: [Int64: UnitRecord] = [:]
    private var byCode: [String: UnitRecord] = [:]

    init(store: BoundaryStore) throws {
        self.store = store
    }

    /// The unit with this ward code, once `overlaps` has met it.
    func unit(code: String) -> UnitRecord? { byCode[code] }

    /// Every unit the site overlaps with a positive area: ward code, overlap in m², and the
    /// share of the site's area; largest overlap first (ties by code).
    func overlaps(_ site: Geometry) throws -> [(wardCode: String, overlapM2: Double, share: Double)] {
        let siteGeometry = try GEOSGeometry(site, context: context)
        let siteArea = EllipsoidalArea.grs80.squareMetres(of: site)
        guard siteArea > 0 else { return [] }
        let ids = try store.unitIDs(.ward, intersecting: site.boundingBox)
        let missing = ids.filter { units[$0] == nil }
        if !missing.isEmpty {
            for unit in try store.units(.ward, ids: missing) {
                units[unit.id!] = unit
                if let code = unit.code { byCode[code] = unit }
            }
        }
        var result: [(wardCode: String, overlapM2: Double, share: Double)] = []
        for id in ids {
            guard let unit = units[id], let code = unit.code else { continue }
            let overlap = try siteGeometry.intersection(GEOSGeometry(unit.geometry, context: context)).value()
            let area = EllipsoidalArea.grs80.squareMetres(of: overlap)
            if area > 0 { result.append((code, area, area / siteArea)) }
        }
        return result.sorted { ($1.overlapM2, $0.wardCode) < ($0.overlapM2, $1.wardCode) }
    }
}
