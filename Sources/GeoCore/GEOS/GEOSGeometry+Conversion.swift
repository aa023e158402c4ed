import CGEOS

extension GEOSGeometry {
    /// Builds a GEOS geometry from a Swift value. Rings must have at least 4 positions and be
    /// closed (GEOS refuses anything else); the error says which.
    public convenience init(_ geometry: Geometry, context: GEOSContext) throws {
        let pointer = try Self.make(geometry, context)
        self.init(context: context, owning: pointer)
    }

    /// Builds a GEOS point for a coordinate.
    public convenience init(point: Coordinate, context: GEOSContext) throws {
        guard let p = GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y) else {  // NULL on exception
            throw context.error("createPointFromXY")
        }
        self.init(context: context, owning: p)
    }

    /// The collection types a caller may build from GEOS geometries.
    public enum CollectionType: Sendable {
        case multiPolygon, geometryCollection

        var geosType: GEOSGeomTypes {
            switch self {
            case .multiPolygon: GEOS_MULTIPOLYGON
            case .geometryCollection: GEOS_GEOMETRYCOLLECTION
            }
        }
    }

    /// Builds a collection and hands the members' ownership to GEOS: the members must not be
    /// used afterwards.
    public convenience init(collecting members: [GEOSGeometry], as type: CollectionType, context: GEOSContext) throws {
        var pointers: [OpaquePointer?] = members.map { $0.releaseOwnership() }
        let collection = pointers.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(type.geosType.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let collection else {  // NULL on exception; GEOS then did not take the members
            for p in pointers { if let p { GEOSGeom_destroy_r(context.handle, p) } }
            throw context.error("createCollection")
        }
        self.init(context: context, owning: collection)
    }

    private static func make(_ geometry: Geometry, _ context: GEOSContext) throws -> OpaquePointer {
        let h = context.handle
        switch geometry {
        case .point(let c):
            guard let p = GEOSGeom_createPointFromXY_r(h, c.x, c.y) else { throw context.error("createPoint") }
            return p
        case .lineString(let cs):
            let seq = try sequence(cs, context)
            guard let p = GEOSGeom_createLineString_r(h, seq) else {  // NULL on exception; seq is then freed by GEOS
                throw context.error("createLineString")
            }
            return p
        case .polygon(let polygon):
            return try make(polygon, context)
        case .multiPoint(let cs):
            return try collection(GEOS_MULTIPOINT, cs.map { .point($0) }, context)
        case .multiLineString(let lines):
            return try collection(GEOS_MULTILINESTRING, lines.map { .lineString($0) }, context)
        case .multiPolygon(let polygons):
            return try collection(GEOS_MULTIPOLYGON, polygons.map { .polygon($0) }, context)
        case .geometryCollection(let members):
            return try collection(GEOS_GEOMETRYCOLLECTION, members, context)
        }
    }

    private static func collection(_ type: GEOSGeomTypes, _ members: [Geometry], _ context: GEOSContext) throws -> OpaquePointer {
        var pointers: [OpaquePointer?] = []
        pointers.reserveCapacity(members.count)
        do {
            for m in members { pointers.append(try make(m, context)) }
        } catch {
            for p in pointers { if let p { GEOSGeom_destroy_r(context.handle, p) } }
            throw error
        }
        let result = pointers.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let result else {  // NULL on exception: members not taken
            for p in pointers { if let p { GEOSGeom_destroy_r(context.handle, p) } }
            throw context.error("createCollection")
        }
        return result
    }

    private static func make(_ polygon: Polygon, _ context: GEOSContext) throws -> OpaquePointer {
        let h = context.handle
        let shell = try ring(polygon.exterior, context, what: "exterior ring")
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(polygon.holes.count)
        do {
            for (i, hole) in polygon.holes.enumerated() {
                holes.append(try ring(hole, context, what: "hole \(i + 1)"))
            }
        } catch {
            GEOSGeom_destroy_r(h, shell)
            for p in holes { if let p { GEOSGeom_destroy_r(h, p) } }
            throw error
        }
        let result = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count))
        }
        guard let result else {  // NULL on exception: rings not taken
            GEOSGeom_destroy_r(h, shell)
            for p in holes { if let p { GEOSGeom_destroy_r(h, p) } }
            throw context.error("createPolygon")
        }
        return result
    }

    private static func ring(_ ring: LinearRing, _ context: GEOSContext, what: String) throws -> OpaquePointer {
        let cs = ring.coordinates
        guard cs.count >= 4 else {
            throw GEOSError.invalidInput("\(what) has \(cs.count) positions (a ring needs at least 4)")
        }
        guard cs.first == cs.last else {
            throw GEOSError.invalidInput("\(what) is not closed (first position \(cs[0]) ≠ last \(cs[cs.count - 1]))")
        }
        let seq = try sequence(cs, context)
        guard let p = GEOSGeom_createLinearRing_r(context.handle, seq) else {  // NULL on exception
            throw context.error("createLinearRing")
        }
        return p
    }

    private static func sequence(_ cs: [Coordinate], _ context: GEOSContext) throws -> OpaquePointer {
        // Coordinate is two Doubles with no padding, so the array is an interleaved x,y buffer.
        let seq = cs.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyFromBuffer_r(context.handle, doubles.baseAddress, UInt32(cs.count), 0, 0)
            }
        }
        guard let seq else { throw context.error("CoordSeq_copyFromBuffer") }  // NULL on exception
        return seq
    }

    // MARK: - Back to Swift values

    /// The geometry as a Swift value.
    public func value() throws -> Geometry {
        try Self.value(of: pointer, context)
    }

    private static func value(of g: OpaquePointer, _ context: GEOSContext) throws -> Geometry {
        let h = context.handle
        let type = GEOSGeomTypeId_r(h, g)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            let cs = try coordinates(of: g, context)
            return cs.isEmpty ? .multiPoint([]) : .point(cs[0])
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(try coordinates(of: g, context))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try polygon(of: g, context))
        case Int32(GEOS_MULTIPOINT.rawValue), Int32(GEOS_MULTILINESTRING.rawValue),
             Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(h, g)
            guard n >= 0 else { throw context.error("GetNumGeometries") }  // -1 on exception
            var members: [OpaquePointer] = []
            members.reserveCapacity(Int(n))
            for i in 0..<n {
                guard let m = GEOSGetGeometryN_r(h, g, i) else { throw context.error("GetGeometryN") }
                members.append(m)
            }
            switch type {
            case Int32(GEOS_MULTIPOINT.rawValue):
                return .multiPoint(try members.flatMap { try coordinates(of: $0, context) })
            case Int32(GEOS_MULTILINESTRING.rawValue):
                return .multiLineString(try members.map { try coordinates(of: $0, context) })
            case Int32(GEOS_MULTIPOLYGON.rawValue):
                return .multiPolygon(try members.map { try polygon(of: $0, context) })
            default:
                return .geometryCollection(try members.map { try value(of: $0, context) })
            }
        default:
            throw GEOSError.unsupportedGeometryType(type)
        }
    }

    private static func polygon(of g: OpaquePointer, _ context: GEOSContext) throws -> Polygon {
        let h = context.handle
        guard let shell = GEOSGetExteriorRing_r(h, g) else { throw context.error("GetExteriorRing") }
        let n = GEOSGetNumInteriorRings_r(h, g)
        guard n >= 0 else { throw context.error("GetNumInteriorRings") }  // -1 on exception
        var holes: [LinearRing] = []
        holes.reserveCapacity(Int(n))
        for i in 0..<n {
            guard let hole = GEOSGetInteriorRingN_r(h, g, i) else { throw context.error("GetInteriorRingN") }
            holes.append(LinearRing(try coordinates(of: hole, context)))
        }
        return Polygon(exterior: LinearRing(try coordinates(of: shell, context)), holes: holes)
    }

    private static func coordinates(of g: OpaquePointer, _ context: GEOSContext) throws -> [Coordinate] {
        let h = context.handle
        guard let seq = GEOSGeom_getCoordSeq_r(h, g) else { throw context.error("getCoordSeq") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, seq, &size) != 0 else { throw context.error("CoordSeq_getSize") }  // 0 on exception
        if size == 0 { return [] }
        var out = [Coordinate](repeating: Coordinate(x: 0, y: 0), count: Int(size))
        let ok = out.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyToBuffer_r(h, seq, doubles.baseAddress, 0, 0)
            }
        }
        guard ok != 0 else { throw context.error("CoordSeq_copyToBuffer") }  // 0 on exception
        return out
    }

    // MARK: - WKB

    /// Reads ISO/extended WKB (either byte order).
    public convenience init(wkb bytes: [UInt8], context: GEOSContext) throws {
        guard let reader = GEOSWKBReader_create_r(context.handle) else { throw context.error("WKBReader_create") }
        defer { GEOSWKBReader_destroy_r(context.handle, reader) }
        let g = bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(context.handle, reader, $0.baseAddress, $0.count) }
        guard let g else { throw context.error("WKBReader_read") }  // NULL on exception
        self.init(context: context, owning: g)
    }

    /// Little-endian 2D WKB.
    public func wkb() throws -> [UInt8] {
        guard let writer = GEOSWKBWriter_create_r(handle) else { throw context.error("WKBWriter_create") }
        defer { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 2)
        var size = 0
        guard let buffer = GEOSWKBWriter_write_r(handle, writer, pointer, &size) else {  // NULL on exception
            throw context.error("WKBWriter_write")
        }
        defer { GEOSFree_r(handle, buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: size))
    }
}
