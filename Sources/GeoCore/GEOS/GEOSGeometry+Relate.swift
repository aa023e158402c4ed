import CGEOS

extension GEOSGeometry {
    /// The DE-9IM intersection matrix with `other`, as nine characters (F, 0, 1, 2) in the order
    /// II IB IE BI BB BE EI EB EE.
    public func relate(_ other: GEOSGeometry) throws -> String {
        guard let matrix = GEOSRelate_r(handle, pointer, other.pointer) else {  // NULL on exception
            throw context.error("Relate")
        }
        defer { GEOSFree_r(handle, matrix) }
        return String(cString: matrix)
    }
}
