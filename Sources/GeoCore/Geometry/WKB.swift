/// Why a WKB byte string could not be decoded. Every case carries the byte offset where reading
/// stopped, so a message can point into the blob.
public enum WKBError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ends (or a count claims more data than is left) at `offset`: `needed` more bytes
    /// were required, `available` remained.
    case truncated(offset: Int, needed: Int, available: Int)
    /// The byte-order byte is neither 0 (big endian) nor 1 (little endian).
    case invalidByteOrder(UInt8, offset: Int)
    /// The geometry type code is not one of the seven OGC simple-feature types in 2D, ISO Z/M/ZM
    /// (+1000/+2000/+3000) or EWKB flag form.
    case unknownTypeCode(UInt32, offset: Int)
    /// A member of a multi geometry has the wrong type (e.g. a LINESTRING inside a MULTIPOLYGON).
    case unexpectedMemberType(expected: String, found: String, offset: Int)
    /// Geometry collections nest deeper than `WKBReader.maximumDepth`.
    case nestingTooDeep(offset: Int)
    /// Bytes remain after one complete geometry.
    case trailingBytes(count: Int, offset: Int)

    public var description: String {
        switch self {
        case let .truncated(offset, needed, available):
            "WKB truncated at byte \(offset): needs \(needed) more bytes, \(available) left"
        case let .invalidByteOrder(byte, offset):
            "WKB byte order at byte \(offset) is \(byte), expected 0 or 1"
        case let .unknownTypeCode(code, offset):
            "WKB geometry type code \(code) (0x\(String(code, radix: 16))) at byte \(offset) is not supported"
        case let .unexpectedMemberType(expected, found, offset):
            "WKB member at byte \(offset) is a \(found), expected a \(expected)"
        case let .nestingTooDeep(offset):
            "WKB geometry collections nest too deeply at byte \(offset)"
        case let .trailingBytes(count, offset):
            "WKB has \(count) unexpected bytes after the geometry ending at byte \(offset)"
        }
    }
}

// MARK: - Encoding

extension Geometry {
    /// ISO WKB type codes for the 2D types.
    var wkbTypeCode: UInt32 {
        switch self {
        case .point: 1
        case .lineString: 2
        case .polygon: 3
        case .multiPoint: 4
        case .multiLineString: 5
        case .multiPolygon: 6
        case .geometryCollection: 7
        }
    }

    /// The exact size in bytes of `wkb()`.
    public var wkbByteCount: Int {
        // Header: byte order (1) + type (4).
        switch self {
        case .point:
            return 5 + 16
        case .lineString(let cs):
            return 9 + 16 * cs.count
        case .polygon(let p):
            return Geometry.polygonBodySize(p) + 5
        case .multiPoint(let cs):
            return 9 + 21 * cs.count
        case .multiLineString(let lines):
            return lines.reduce(9) { $0 + 9 + 16 * $1.count }
        case .multiPolygon(let ps):
            return ps.reduce(9) { $0 + 5 + Geometry.polygonBodySize($1) }
        case .geometryCollection(let gs):
            return gs.reduce(9) { $0 + $1.wkbByteCount }
        }
    }

    /// Ring count plus each ring's point count and points (no header).
    private static func polygonBodySize(_ p: Polygon) -> Int {
        if p.isEmptyPolygon { return 4 }
        return p.holes.reduce(4 + 4 + 16 * p.exterior.coordinates.count) { $0 + 4 + 16 * $1.coordinates.count }
    }

    /// The geometry as ISO WKB: little endian, 2D (x, y).
    public func wkb() -> [UInt8] {
        let count = wkbByteCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = writeWKB(to: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Writes `wkb()` into the start of `buffer` without allocating, and returns the number of
    /// bytes written (`wkbByteCount`). Lets callers put a header (e.g. GeoPackage's) in front of the
    /// WKB in one buffer. Traps if `buffer` is shorter than `wkbByteCount`.
    @discardableResult
    public func writeWKB(to buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count >= wkbByteCount, "WKB buffer too small: \(buffer.count) < \(wkbByteCount) bytes")
        guard let base = buffer.baseAddress else { return 0 }
        var writer = WKBWriter(base: base)
        writer.write(self)
        return writer.offset
    }
}

/// Writes WKB through a raw pointer; the caller has sized the buffer with `wkbByteCount`.
/// Unaligned stores are fine: `storeBytes` accepts any alignment since Swift 5.7.
private struct WKBWriter {
    let base: UnsafeMutableRawPointer
    var offset = 0

    @inline(__always)
    mutating func header(_ type: UInt32) {
        base.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self)  // 1 = little endian
        base.storeBytes(of: type.littleEndian, toByteOffset: offset + 1, as: UInt32.self)
        offset += 5
    }

    @inline(__always)
    mutating func count(_ n: Int) {
        base.storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    @inline(__always)
    mutating func coordinate(_ c: Coordinate) {
        base.storeBytes(of: c.x.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        base.storeBytes(of: c.y.bitPattern.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
        offset += 16
    }

    mutating func points(_ coordinates: [Coordinate]) {
        count(coordinates.count)
        coordinates.withUnsafeBufferPointer { cs in
            var o = offset
            for c in cs {
                base.storeBytes(of: c.x.bitPattern.littleEndian, toByteOffset: o, as: UInt64.self)
                base.storeBytes(of: c.y.bitPattern.littleEndian, toByteOffset: o + 8, as: UInt64.self)
                o += 16
            }
            offset = o
        }
    }

    mutating func polygonBody(_ p: Polygon) {
        // POLYGON EMPTY has no rings, which `Polygon` spells as an empty exterior.
        if p.isEmptyPolygon {
            count(0)
            return
        }
        count(1 + p.holes.count)
        points(p.exterior.coordinates)
        for hole in p.holes { points(hole.coordinates) }
    }

    mutating func write(_ geometry: Geometry) {
        header(geometry.wkbTypeCode)
        switch geometry {
        case .point(let c):
            coordinate(c)
        case .lineString(let cs):
            points(cs)
        case .polygon(let p):
            polygonBody(p)
        case .multiPoint(let cs):
            count(cs.count)
            for c in cs {
                header(1)
                coordinate(c)
            }
        case .multiLineString(let lines):
            count(lines.count)
            for line in lines {
                header(2)
                points(line)
            }
        case .multiPolygon(let ps):
            count(ps.count)
            for p in ps {
                header(3)
                polygonBody(p)
            }
        case .geometryCollection(let gs):
            count(gs.count)
            for g in gs { write(g) }
        }
    }
}

extension Polygon {
    /// WKB's POLYGON EMPTY (zero rings), which decodes to an empty exterior and no holes.
    fileprivate var isEmptyPolygon: Bool { exterior.coordinates.isEmpty && holes.isEmpty }
}

// MARK: - Decoding

extension Geometry {
    /// Decodes one WKB geometry occupying all of `wkb`.
    ///
    /// Accepts both byte orders (per geometry, as WKB allows), ISO Z/M/ZM type codes
    /// (1000/2000/3000 offsets) and PostGIS EWKB flags (Z 0x80000000, M 0x40000000, SRID
    /// 0x20000000, whose SRID is skipped); extra ordinates are dropped, giving 2D coordinates.
    /// An empty POINT (NaN, NaN) decodes as `.point` with NaN coordinates.
    /// - Throws: `WKBError` when the bytes are truncated, a type code or byte order is unknown, a
    ///   multi geometry holds a member of the wrong type, or bytes follow the geometry.
    public init(wkb: UnsafeRawBufferPointer) throws {
        var reader = WKBReader(wkb)
        let geometry = try reader.readGeometry(depth: 0)
        guard reader.offset == wkb.count else {
            throw WKBError.trailingBytes(count: wkb.count - reader.offset, offset: reader.offset)
        }
        self = geometry
    }

    /// Decodes one WKB geometry occupying all of `wkb`; see `init(wkb: UnsafeRawBufferPointer)`.
    /// - Throws: `WKBError`.
    public init(wkb: [UInt8]) throws {
        self = try wkb.withUnsafeBytes { try Geometry(wkb: $0) }
    }
}

/// Reads WKB from a raw buffer, checking every length before touching memory.
private struct WKBReader {
    static let maximumDepth = 32

    let buffer: UnsafeRawBufferPointer
    var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    /// Byte order, dimensions and base type of one geometry header.
    struct Header {
        var bigEndian: Bool
        var type: UInt32          // 1...7
        var ordinates: Int        // 2, 3 or 4 doubles per point
        var offset: Int           // where the header started
    }

    var remaining: Int { buffer.count - offset }

    @inline(__always)
    func require(_ n: Int) throws {
        if n > remaining || n < 0 {
            throw WKBError.truncated(offset: offset, needed: n, available: remaining)
        }
    }

    mutating func uint32(bigEndian: Bool) throws -> UInt32 {
        try require(4)
        let raw = buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }

    mutating func header() throws -> Header {
        let start = offset
        try require(5)
        let order = buffer[offset]
        guard order <= 1 else { throw WKBError.invalidByteOrder(order, offset: offset) }
        offset += 1
        let bigEndian = order == 0
        let raw = try uint32(bigEndian: bigEndian)

        // EWKB puts dimension and SRID flags in the top bits; ISO adds 1000/2000/3000.
        var hasZ = raw & 0x8000_0000 != 0
        var hasM = raw & 0x4000_0000 != 0
        let hasSRID = raw & 0x2000_0000 != 0
        var code = raw & 0x0FFF_FFFF
        if code >= 1000 && code < 4000 && !(hasZ || hasM) {
            switch code / 1000 {
            case 1: hasZ = true
            case 2: hasM = true
            default: hasZ = true; hasM = true
            }
            code %= 1000
        }
        guard (1...7).contains(code) else { throw WKBError.unknownTypeCode(raw, offset: start + 1) }
        if hasSRID {
            _ = try uint32(bigEndian: bigEndian)
        }
        return Header(bigEndian: bigEndian, type: code, ordinates: 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0), offset: start)
    }

    mutating func count(_ h: Header, minimumElementSize: Int) throws -> Int {
        let n = Int(try uint32(bigEndian: h.bigEndian))
        // Reject counts the remaining bytes cannot hold before allocating anything.
        let (bytes, overflow) = n.multipliedReportingOverflow(by: minimumElementSize)
        if overflow || bytes > remaining {
            throw WKBError.truncated(offset: offset, needed: overflow ? Int.max : bytes, available: remaining)
        }
        return n
    }

    mutating func coordinate(_ h: Header) throws -> Coordinate {
        try require(8 * h.ordinates)
        let c = load(at: offset, bigEndian: h.bigEndian)
        offset += 8 * h.ordinates
        return c
    }

    @inline(__always)
    func load(at o: Int, bigEndian: Bool) -> Coordinate {
        let x = buffer.loadUnaligned(fromByteOffset: o, as: UInt64.self)
        let y = buffer.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)
        if bigEndian {
            return Coordinate(x: Double(bitPattern: UInt64(bigEndian: x)), y: Double(bitPattern: UInt64(bigEndian: y)))
        }
        return Coordinate(x: Double(bitPattern: UInt64(littleEndian: x)), y: Double(bitPattern: UInt64(littleEndian: y)))
    }

    mutating func points(_ h: Header) throws -> [Coordinate] {
        let stride = 8 * h.ordinates
        let n = try count(h, minimumElementSize: stride)
        let start = offset
        let result = [Coordinate](unsafeUninitializedCapacity: n) { out, initialized in
            var o = start
            for i in 0..<n {
                (out.baseAddress! + i).initialize(to: load(at: o, bigEndian: h.bigEndian))
                o += stride
            }
            initialized = n
        }
        offset += n * stride
        return result
    }

    mutating func polygonBody(_ h: Header) throws -> Polygon {
        let ringCount = try count(h, minimumElementSize: 4)
        guard ringCount > 0 else { return Polygon(exterior: LinearRing([])) }
        let exterior = LinearRing(try points(h))
        var holes: [LinearRing] = []
        holes.reserveCapacity(ringCount - 1)
        for _ in 1..<ringCount {
            holes.append(LinearRing(try points(h)))
        }
        return Polygon(exterior: exterior, holes: holes)
    }

    static func typeName(_ code: UInt32) -> String {
        ["", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"][Int(code)]
    }

    /// Reads a member header of a multi geometry and checks its type.
    mutating func memberHeader(expected: UInt32) throws -> Header {
        let h = try header()
        guard h.type == expected else {
            throw WKBError.unexpectedMemberType(
                expected: Self.typeName(expected), found: Self.typeName(h.type), offset: h.offset)
        }
        return h
    }

    mutating func readGeometry(depth: Int) throws -> Geometry {
        guard depth <= Self.maximumDepth else { throw WKBError.nestingTooDeep(offset: offset) }
        let h = try header()
        switch h.type {
        case 1:
            return .point(try coordinate(h))
        case 2:
            return .lineString(try points(h))
        case 3:
            return .polygon(try polygonBody(h))
        case 4:
            let n = try count(h, minimumElementSize: 5 + 16)
            var cs: [Coordinate] = []
            cs.reserveCapacity(n)
            for _ in 0..<n {
                let m = try memberHeader(expected: 1)
                cs.append(try coordinate(m))
            }
            return .multiPoint(cs)
        case 5:
            let n = try count(h, minimumElementSize: 9)
            var lines: [[Coordinate]] = []
            lines.reserveCapacity(n)
            for _ in 0..<n {
                let m = try memberHeader(expected: 2)
                lines.append(try points(m))
            }
            return .multiLineString(lines)
        case 6:
            let n = try count(h, minimumElementSize: 9)
            var ps: [Polygon] = []
            ps.reserveCapacity(n)
            for _ in 0..<n {
                let m = try memberHeader(expected: 3)
                ps.append(try polygonBody(m))
            }
            return .multiPolygon(ps)
        default:
            let n = try count(h, minimumElementSize: 5)
            var gs: [Geometry] = []
            gs.reserveCapacity(n)
            for _ in 0..<n {
                gs.append(try readGeometry(depth: depth + 1))
            }
            return .geometryCollection(gs)
        }
    }
}
