import CGEOS

/// A GEOS geometry owned by Swift: destroyed in `deinit` unless ownership was handed to GEOS
/// (for example when it became a member of a collection) or it belongs to a parent geometry.
public final class GEOSGeometry: @unchecked Sendable {
    public let context: GEOSContext
    private(set) var pointer: OpaquePointer
    private var owned: Bool
    /// Keeps the owner alive when this is a borrowed child (`GEOSGetGeometryN_r`).
    private let parent: GEOSGeometry?

    init(context: GEOSContext, owning pointer: OpaquePointer) {
        self.context = context
        self.pointer = pointer
        self.owned = true
        self.parent = nil
    }

    init(context: GEOSContext, borrowing pointer: OpaquePointer, parent: GEOSGeometry) {
        self.context = context
        self.pointer = pointer
        self.owned = false
        self.parent = parent
    }

    deinit {
        if owned { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    /// Hands the pointer to GEOS (which will destroy it); this object must not be used afterwards.
    func releaseOwnership() -> OpaquePointer {
        precondition(owned, "releasing a geometry that GEOS already owns")
        owned = false
        return pointer
    }

    var handle: GEOSContextHandle_t { context.handle }

    /// Wraps a pointer returned by a GEOS call that returns NULL on exception.
    func result(_ pointer: OpaquePointer?, _ operation: String) throws -> GEOSGeometry {
        guard let pointer else { throw context.error(operation) }  // NULL on exception
        return GEOSGeometry(context: context, owning: pointer)
    }

    // MARK: - Properties

    /// GEOS type id (GEOS_POINT … GEOS_GEOMETRYCOLLECTION).
    public var typeID: Int32 { GEOSGeomTypeId_r(handle, pointer) }

    public var isEmpty: Bool { GEOSisEmpty_r(handle, pointer) == 1 }

    public var numberOfGeometries: Int { Int(GEOSGetNumGeometries_r(handle, pointer)) }

    public var numberOfCoordinates: Int { Int(GEOSGetNumCoordinates_r(handle, pointer)) }

    /// The n-th member of a collection, borrowed from (and kept alive with) this geometry.
    public func geometry(at index: Int) throws -> GEOSGeometry {
        guard let child = GEOSGetGeometryN_r(handle, pointer, Int32(index)) else {  // NULL on exception
            throw context.error("GetGeometryN")
        }
        return GEOSGeometry(context: context, borrowing: child, parent: self)
    }

    /// Planar area in the units of the coordinates squared.
    public func area() throws -> Double {
        var value = 0.0
        guard GEOSArea_r(handle, pointer, &value) == 1 else { throw context.error("Area") }  // 0 on exception
        return value
    }

    public func boundingBox() throws -> BoundingBox {
        if isEmpty { return .empty }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        guard GEOSGeom_getExtent_r(handle, pointer, &minX, &minY, &maxX, &maxY) == 1 else {  // 0 on exception
            throw context.error("getExtent")
        }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    public func clone() throws -> GEOSGeometry {
        try result(GEOSGeom_clone_r(handle, pointer), "clone")
    }

    /// Puts rings and members in GEOS's canonical order (for comparisons and stable output).
    public func normalize() throws {
        guard GEOSNormalize_r(handle, pointer) == 0 else { throw context.error("Normalize") }  // -1 on exception
    }
}
