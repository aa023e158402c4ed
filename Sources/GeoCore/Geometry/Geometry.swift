/// A closed ring: the first and last coordinates are equal.
public struct LinearRing: Hashable, Sendable {
    public var coordinates: [Coordinate]

    public init(_ coordinates: [Coordinate]) {
        self.coordinates = coordinates
    }

    public var isClosed: Bool {
        coordinates.count >= 4 && coordinates.first == coordinates.last
    }

    /// Twice the signed area by the shoelace formula: positive for counter-clockwise rings.
    public var signedArea: Double {
        let c = coordinates
        guard c.count >= 3 else { return 0 }
        var sum = 0.0
        for i in 0..<(c.count - 1) {
            sum += c[i].x * c[i + 1].y - c[i + 1].x * c[i].y
        }
        return sum / 2
    }
}

/// A polygon: one exterior ring and zero or more holes.
public struct Polygon: Hashable, Sendable {
    public var exterior: LinearRing
    public var holes: [LinearRing]

    public init(exterior: LinearRing, holes: [LinearRing] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    public var rings: [LinearRing] { [exterior] + holes }
    public var vertexCount: Int { exterior.coordinates.count + holes.reduce(0) { $0 + $1.coordinates.count } }
}

/// The geometry types investmap reads and writes (the OGC simple features it needs).
public enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon(Polygon)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([Polygon])
    case geometryCollection([Geometry])

    /// The OGC type name, as WKB and GeoPackage spell it.
    public var typeName: String {
        switch self {
        case .point: "POINT"
        case .lineString: "LINESTRING"
        case .polygon: "POLYGON"
        case .multiPoint: "MULTIPOINT"
        case .multiLineString: "MULTILINESTRING"
        case .multiPolygon: "MULTIPOLYGON"
        case .geometryCollection: "GEOMETRYCOLLECTION"
        }
    }

    /// The type name as GeoJSON spells it ("MultiPolygon").
    public var geoJSONTypeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    public var boundingBox: BoundingBox {
        var box = BoundingBox.empty
        forEachCoordinate { box.extend($0) }
        return box
    }

    public var vertexCount: Int {
        var n = 0
        forEachCoordinate { _ in n += 1 }
        return n
    }

    public var isEmpty: Bool { vertexCount == 0 }

    /// The polygons of a polygonal geometry (a collection contributes its polygonal members).
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let ps): ps
        case .geometryCollection(let gs): gs.flatMap(\.polygons)
        default: []
        }
    }

    public func forEachCoordinate(_ body: (Coordinate) -> Void) {
        switch self {
        case .point(let c): body(c)
        case .lineString(let cs), .multiPoint(let cs): cs.forEach(body)
        case .multiLineString(let lines): lines.forEach { $0.forEach(body) }
        case .polygon(let p): Geometry.forEach(in: p, body)
        case .multiPolygon(let ps): ps.forEach { Geometry.forEach(in: $0, body) }
        case .geometryCollection(let gs): gs.forEach { $0.forEachCoordinate(body) }
        }
    }

    private static func forEach(in polygon: Polygon, _ body: (Coordinate) -> Void) {
        polygon.exterior.coordinates.forEach(body)
        polygon.holes.forEach { $0.coordinates.forEach(body) }
    }
}
