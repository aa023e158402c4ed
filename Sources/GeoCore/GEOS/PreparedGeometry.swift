import CGEOS

/// A geometry with GEOS's indexes built once, for many predicate tests against it
/// (point-in-polygon on full-resolution boundaries). Keeps its source geometry alive.
public final class PreparedGeometry: @unchecked Sendable {
    public let geometry: GEOSGeometry
    private let prepared: OpaquePointer

    public init(_ geometry: GEOSGeometry) throws {
        guard let p = GEOSPrepare_r(geometry.context.handle, geometry.pointer) else {  // NULL on exception
            throw geometry.context.error("Prepare")
        }
        self.geometry = geometry
        self.prepared = p
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.context.handle, prepared)
    }

    private var handle: GEOSContextHandle_t { geometry.context.handle }

    /// True when `other` lies in the interior (boundary points are not contained).
    public func contains(_ other: GEOSGeometry) throws -> Bool {
        try predicate(GEOSPreparedContains_r(handle, prepared, other.pointer), "PreparedContains")
    }

    /// True when `other` lies inside or on the boundary.
    public func covers(_ other: GEOSGeometry) throws -> Bool {
        try predicate(GEOSPreparedCovers_r(handle, prepared, other.pointer), "PreparedCovers")
    }

    public func intersects(_ other: GEOSGeometry) throws -> Bool {
        try predicate(GEOSPreparedIntersects_r(handle, prepared, other.pointer), "PreparedIntersects")
    }

    /// Planar distance (0 when intersecting).
    public func distance(to other: GEOSGeometry) throws -> Double {
        var d = 0.0
        guard GEOSPreparedDistance_r(handle, prepared, other.pointer, &d) == 1 else {  // 0 on exception
            throw geometry.context.error("PreparedDistance")
        }
        return d
    }

    /// The closest pair (on the prepared geometry, on other), planar.
    public func nearestPoints(to other: GEOSGeometry) throws -> (Coordinate, Coordinate) {
        guard let seq = GEOSPreparedNearestPoints_r(handle, prepared, other.pointer) else {  // NULL on exception
            throw geometry.context.error("PreparedNearestPoints")
        }
        defer { GEOSCoordSeq_destroy_r(handle, seq) }
        return try GEOSGeometry.pair(from: seq, geometry.context)
    }

    private func predicate(_ r: CChar, _ operation: String) throws -> Bool {
        guard r != 2 else { throw geometry.context.error(operation) }  // 2 on exception
        return r == 1
    }
}
