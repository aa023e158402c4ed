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
///
/// The check is GEOS's validity of each part, then the multipolygon rules between parts
/// (interiors disjoint, boundaries meeting at points only) tested only for parts whose boxes
/// overlap: the same verdict as GEOS's validity of the whole multipolygon, without its
/// nested-shell search over every pair of a unit's hundreds of islands, which took two thirds
/// of the check's time on the full-resolution data.
enum UnitGeometryRepair {
    static func validate(_ polygons: [Polygon], context: GEOSContext) throws -> RepairedGeometry {
        let geometry = Geometry.multiPolygon(polygons)
        let parts = try polygons.map { try GEOSGeometry(.polygon($0), context: context) }
        var problem: ValidityProblem?
        for (i, part) in parts.enumerated() {
            if let p = try part.validityProblem() {
                problem = ValidityProblem(reason: polygons.count > 1 ? "part \(i + 1): \(p.reason)" : p.reason, location: p.location)
                break
            }
        }
        if problem == nil {
            problem = try conflictBetweenParts(polygons, parts, context: context)
        }
        guard let problem else {
            return RepairedGeometry(geometry: geometry, repairNote: nil)
        }
        let whole = try GEOSGeometry(geometry, context: context)
        let repaired = try whole.makeValid()
        let polygonal = Geometry.multiPolygon(try repaired.value().polygons)
        let before = try whole.area()
        let after = try GEOSGeometry(polygonal, context: context).area()
        let change = before > 0 ? (after - before) / before * 100 : 0
        let note = "\(problem); repaired with GEOS make-valid (structure): \(polygons.count) part(s) → "
            + "\(polygonal.polygons.count), planar area change \(formatPercent(change))"
        return RepairedGeometry(geometry: polygonal, repairNote: note)
    }

    /// The first pair of parts that breaks the multipolygon rules: their interiors meet, or
    /// their boundaries share a line. Candidate pairs come from a sweep over the parts' boxes.
    private static func conflictBetweenParts(_ polygons: [Polygon], _ parts: [GEOSGeometry],
                                             context: GEOSContext) throws -> ValidityProblem? {
        guard polygons.count > 1 else { return nil }
        let boxes = polygons.map { polygon -> BoundingBox in
            var box = BoundingBox.empty
            for c in polygon.exterior.coordinates { box.extend(c) }
            return box
        }
        let order = boxes.indices.sorted { (boxes[$0].minX, $0) < (boxes[$1].minX, $1) }
        var prepared: [Int: PreparedGeometry] = [:]
        for (position, i) in order.enumerated() {
            for j in order[(position + 1)...] {
                if boxes[j].minX > boxes[i].maxX { break }
                guard boxes[i].intersects(boxes[j]) else { continue }
                // The larger part is prepared once and reused for all its neighbours.
                let (big, small) = polygons[i].vertexCount >= polygons[j].vertexCount ? (i, j) : (j, i)
                if prepared[big] == nil { prepared[big] = try PreparedGeometry(parts[big]) }
                guard try prepared[big]!.intersects(parts[small]) else { continue }
                let matrix = Array(try parts[big].relate(parts[small]))
                let (first, second) = (min(i, j) + 1, max(i, j) + 1)
                if matrix[0] != "F" {
                    return ValidityProblem(reason: "parts \(first) and \(second) overlap", location: polygons[small].exterior.coordinates.first)
                }
                if matrix[4] != "F" && matrix[4] != "0" {
                    return ValidityProblem(reason: "parts \(first) and \(second) share a boundary line", location: polygons[small].exterior.coordinates.first)
                }
            }
        }
        return nil
    }

    private static func formatPercent(_ value: Double) -> String {
        let text = String(format: "%+.4f %%", value)
        return text == "-0.0000 %" ? "+0.0000 %" : text
    }
}
