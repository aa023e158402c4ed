import GeoCore

/// Checks a dissolved group and repairs what the coverage topology could not do: every level
/// is built from the same vertices, so the borders of all levels coincide exactly.
enum CoverageDissolve {
    struct Outcome: Sendable {
        var geometry: Geometry
        var note: String?
    }

    /// `polygons` is the topology's union of `members` (nil when it could not close the group's
    /// boundary). A valid union is kept; otherwise GEOS's general union is used and the note
    /// says why.
    static func check(_ polygons: [Polygon]?, members: [Geometry], context: GEOSContext) throws -> Outcome {
        var reason = "members overlap or do not share borders exactly"
        if let polygons {
            let geometry = Geometry.multiPolygon(polygons)
            guard let problem = try GEOSGeometry(geometry, context: context).validityProblem() else {
                return Outcome(geometry: geometry, note: nil)
            }
            reason = "union by shared edges invalid (\(problem))"
        }
        let parts = try members.flatMap(\.polygons).map { try GEOSGeometry(.polygon($0), context: context) }
        let collection = try GEOSGeometry(collecting: parts, as: .geometryCollection, context: context)
        let full = try collection.unaryUnion()
        return Outcome(geometry: .multiPolygon(try full.value().polygons),
                       note: "\(reason); used GEOS's general union")
    }
}
