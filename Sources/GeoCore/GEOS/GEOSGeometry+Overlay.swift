import CGEOS

extension GEOSGeometry {
    /// The union of all members of this geometry (dissolves overlaps and shared edges).
    public func unaryUnion() throws -> GEOSGeometry {
        try result(GEOSUnaryUnion_r(handle, pointer), "UnaryUnion")
    }

    /// A point guaranteed to lie inside the geometry (GEOS's point on surface: on the widest
    /// interior section of a horizontal line through the middle of the widest part);
    /// deterministic for the same geometry, unlike a centroid that may fall outside a ring.
    public func pointOnSurface() throws -> GEOSGeometry {
        try result(GEOSPointOnSurface_r(handle, pointer), "PointOnSurface")
    }

    /// The boundary: a polygon's rings as lines.
    public func boundary() throws -> GEOSGeometry {
        try result(GEOSBoundary_r(handle, pointer), "Boundary")
    }

    /// The union of a collection of polygons that form a coverage (they share edges exactly and
    /// do not overlap): much faster than a general union, and wrong for non-coverages.
    public func coverageUnion() throws -> GEOSGeometry {
        try result(GEOSCoverageUnion_r(handle, pointer), "CoverageUnion")
    }

    public func intersection(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try result(GEOSIntersection_r(handle, pointer, other.pointer), "Intersection")
    }

    /// What of this geometry is not in `other`.
    public func difference(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try result(GEOSDifference_r(handle, pointer, other.pointer), "Difference")
    }

    public func union(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try result(GEOSUnion_r(handle, pointer, other.pointer), "Union")
    }

    /// The area within `distance` (coordinate units) of the geometry; arcs drawn with
    /// `quadrantSegments` segments per quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws -> GEOSGeometry {
        try result(GEOSBuffer_r(handle, pointer, distance, Int32(quadrantSegments)), "Buffer")
    }

    /// Douglas–Peucker simplification within `tolerance` (coordinate units) that keeps the
    /// topology: rings stay valid, lines do not come to cross each other.
    public func simplified(_ tolerance: Double) throws -> GEOSGeometry {
        try result(GEOSTopologyPreserveSimplify_r(handle, pointer, tolerance), "TopologyPreserveSimplify")
    }

    /// A fast clip to an axis-aligned rectangle; the result may be invalid only where the input was.
    public func clip(to box: BoundingBox) throws -> GEOSGeometry {
        try result(GEOSClipByRect_r(handle, pointer, box.minX, box.minY, box.maxX, box.maxY), "ClipByRect")
    }

    /// Planar distance in coordinate units (0 when the geometries intersect).
    public func distance(to other: GEOSGeometry) throws -> Double {
        var d = 0.0
        guard GEOSDistance_r(handle, pointer, other.pointer, &d) == 1 else { throw context.error("Distance") }  // 0 on exception
        return d
    }

    /// Planar distance by GEOS's indexed facet distance (an STR tree of each geometry's
    /// segments): the same value as `distance(to:)`, in O((n + m) log) instead of O(n·m).
    public func indexedDistance(to other: GEOSGeometry) throws -> Double {
        var d = 0.0
        guard GEOSDistanceIndexed_r(handle, pointer, other.pointer, &d) == 1 else { throw context.error("DistanceIndexed") }
        return d
    }

    /// The closest pair of points (on self, on other), planar.
    public func nearestPoints(to other: GEOSGeometry) throws -> (Coordinate, Coordinate) {
        guard let seq = GEOSNearestPoints_r(handle, pointer, other.pointer) else {  // NULL on exception or empty
            throw context.error("NearestPoints")
        }
        defer { GEOSCoordSeq_destroy_r(handle, seq) }
        return try Self.pair(from: seq, context)
    }

    static func pair(from seq: OpaquePointer, _ context: GEOSContext) throws -> (Coordinate, Coordinate) {
        var values = [Double](repeating: 0, count: 4)
        let ok = values.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(context.handle, seq, $0.baseAddress, 0, 0)
        }
        guard ok != 0 else { throw context.error("CoordSeq_copyToBuffer") }  // 0 on exception
        return (Coordinate(x: values[0], y: values[1]), Coordinate(x: values[2], y: values[3]))
    }
}
