/// The union of polygons that form a coverage, by cancelling shared edges in the coverage's
/// topology: exact (no vertex moves), and nil when the polygons are not a coverage (they
/// overlap, or their borders do not match vertex for vertex).
public enum CoverageBoundaryUnion {
    public static func union(_ polygons: [Polygon]) -> [Polygon]? {
        let topology = CoverageTopology(faces: polygons.map { [$0] })
        return topology.dissolve(group: [Int32](repeating: 0, count: polygons.count), groupCount: 1)[0]
    }
}
