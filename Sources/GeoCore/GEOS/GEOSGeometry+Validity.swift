import CGEOS

/// Why a geometry is invalid, as GEOS says it, and where.
public struct ValidityProblem: Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var location: Coordinate?

    public init(reason: String, location: Coordinate?) {
        self.reason = reason
        self.location = location
    }

    public var description: String {
        if let location { return "\(reason) at \(location)" }
        return reason
    }
}

extension GEOSGeometry {
    /// Whether the geometry is valid by the OGC rules.
    public func isValid() throws -> Bool {
        let r = GEOSisValid_r(handle, pointer)
        guard r != 2 else { throw context.error("isValid") }  // 2 on exception
        return r == 1
    }

    /// nil when valid; otherwise GEOS's reason and the location of the problem.
    public func validityProblem() throws -> ValidityProblem? {
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let r = GEOSisValidDetail_r(handle, pointer, 0, &reason, &location)
        guard r != 2 else { throw context.error("isValidDetail") }  // 2 on exception
        defer {
            if let reason { GEOSFree_r(handle, reason) }
            if let location { GEOSGeom_destroy_r(handle, location) }
        }
        guard r == 0 else { return nil }
        var point: Coordinate?
        if let location {
            var x = 0.0, y = 0.0
            if GEOSGeomGetX_r(handle, location, &x) == 1, GEOSGeomGetY_r(handle, location, &y) == 1 {
                point = Coordinate(x: x, y: y)
            }
        }
        return ValidityProblem(reason: reason.map { String(cString: $0) } ?? "invalid", location: point)
    }

    /// A valid geometry covering the same area, by GEOS's "structure" method (rings are
    /// re-noded and holes and shells reassigned by their role, not by a buffer(0) that can drop
    /// parts). Collapsed parts are discarded.
    public func makeValid() throws -> GEOSGeometry {
        guard let params = GEOSMakeValidParams_create_r(handle) else { throw context.error("MakeValidParams_create") }
        defer { GEOSMakeValidParams_destroy_r(handle, params) }
        guard GEOSMakeValidParams_setMethod_r(handle, params, GEOS_MAKE_VALID_STRUCTURE) != 0,
              GEOSMakeValidParams_setKeepCollapsed_r(handle, params, 0) != 0 else {  // 0 on exception
            throw context.error("MakeValidParams_set")
        }
        return try result(GEOSMakeValidWithParams_r(handle, pointer, params), "MakeValid")
    }
}
