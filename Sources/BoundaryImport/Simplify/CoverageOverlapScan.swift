import GeoCore
import BoundaryStore

/// Finds units that overlap or whose borders do not match although they share no arc — what
/// the topology alone cannot see (for example prefecture files simplified separately, whose
/// borders cross each other). A border with the outside on one side should touch no other
/// unit; a few vertices of each such arc are tested against the other units: inside one means
/// the two overlap, on one's boundary means their borders do not match.
enum CoverageOverlapScan {
    struct Finding: Sendable {
        var unit: Int
        var other: Int
        var at: Coordinate
        var overlaps: Bool
    }

    static func scan(_ faces: [UnitRecord], _ arcs: CoverageArcs, limit: Int = 50) throws -> [Finding] {
        let context = GEOSContext()
        let tree = try STRtree(context: context)
        for (i, face) in faces.enumerated() { try tree.insert(face.geometry.boundingBox, item: i) }
        var prepared: [Int: PreparedGeometry] = [:]
        var findings: [Finding] = []
        var seen = Set<[Int]>()
        for (a, ids) in arcs.arcVertices.enumerated() where ids.count > 2 {
            let left = arcs.leftFace[a], right = arcs.rightFace[a]
            guard (left < 0) != (right < 0) else { continue }
            let owner = Int(max(left, right))
            for position in Set([1, ids.count / 2, ids.count - 2]).sorted() {
                let point = arcs.topology.coordinates[Int(ids[position])]
                let box = BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
                for other in try tree.query(box) where other != owner {
                    if prepared[other] == nil {
                        prepared[other] = try PreparedGeometry(GEOSGeometry(faces[other].geometry, context: context))
                    }
                    let g = try GEOSGeometry(point: point, context: context)
                    guard try prepared[other]!.covers(g) else { continue }
                    let pair = [min(owner, other), max(owner, other)]
                    if seen.insert(pair).inserted {
                        findings.append(Finding(unit: owner, other: other, at: point, overlaps: try prepared[other]!.contains(g)))
                        if findings.count >= limit { return findings }
                    }
                }
            }
        }
        return findings
    }
}
