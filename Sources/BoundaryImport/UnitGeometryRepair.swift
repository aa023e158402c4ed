import Foundation
import GeoCore

/// A unit's geometry after validation: valid as read, or repaired with GEOS and said so.
struct RepairedGeometry: Sendable {
    var geometry: Geometry
    /// nil when the parts were valid as read.
    var repairNote: String?
}

/// Validates a unit's parts as one MultiPolygon and repairs it with GEOS's make-valid when
/// needed. N03 parts of one code are disjoint polygons, so grouping them needs no union; when
/// they are not (overlapping or edge-sharing parts), make-valid dissolves them.
enum UnitGeometryRepair {
    static func validate(_ polygons: [Polygon], context: GEOSContext) throws -> RepairedGeometry {
        let geometry = Geometry.multiPolygon(polygons)
        let g = try GEOSGeometry(geometry, context: context)
        guard let problem = try g.validityProblem() else {
            return RepairedGeometry(geometry: geometry, repairNote: nil)
        }
        let repaired = try g.makeValid()
        let polygonal = Geometry.multiPolygon(try repaired.value().polygons)
        let before = try g.area()
        let after = try GEOSGeometry(polygonal, context: context).area()
        let change = before > 0 ? (after - before) / before * 100 : 0
        let note = "\(problem); repaired with GEOS make-valid (structure): \(polygons.count) part(s) → "
            + "\(polygonal.polygons.count), planar area change \(formatPercent(change))"
        return RepairedGeometry(geometry: polygonal, repairNote: note)
    }

    private static func formatPercent(_ value: Double) -> String {
        let text = String(format: "%+.4f %%", value)
        return text == "-0.0000 %" ? "+0.0000 %" : text
    }
}
