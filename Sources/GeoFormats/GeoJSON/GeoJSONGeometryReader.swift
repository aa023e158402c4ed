import GeoCore

/// Reads one GeoJSON geometry object (RFC 7946 §3.1) into a `Geometry`, in whatever order its
/// members come. Structure is checked against the type; ring closure and orientation are not
/// (the importer repairs and reports those).
enum GeoJSONGeometryReader {
    /// GeometryCollections nested deeper than this are refused.
    static let maximumCollectionDepth = 32

    /// Reads a geometry object or `null` (→ `nil`) and counts its positions.
    static func read(_ scanner: inout JSONScanner, depth: Int = 0) throws(ParseFailure) -> (geometry: Geometry?, vertices: Int) {
        let byte = try scanner.peek()
        if byte == UInt8(ascii: "n") {
            guard try scanner.readLiteral() == .null else { throw scanner.failure("a geometry must be an object or null") }
            return (nil, 0)
        }
        guard byte == UInt8(ascii: "{") else {
            guard let kind = JSONScanner.valueKind(startingWith: byte) else { throw scanner.unexpected(expecting: "a geometry object") }
            throw scanner.failure("a geometry must be an object or null, found \(kind)")
        }
        guard depth <= maximumCollectionDepth else {
            throw scanner.failure("GeometryCollections nested more than \(maximumCollectionDepth) levels deep")
        }
        scanner.advance()

        var typeName: String?
        var coordinates: CoordinateNesting?
        var members: [Geometry]?
        var memberVertices = 0
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                switch try scanner.readKey(GeometryMember.init) {
                case .type:
                    guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.failure("the geometry \"type\" must be a string") }
                    typeName = try scanner.readString()
                case .coordinates:
                    guard try scanner.peek() == UInt8(ascii: "[") else { throw scanner.failure("\"coordinates\" must be an array") }
                    coordinates = try scanner.readCoordinates()
                case .geometries:
                    guard try scanner.peek() == UInt8(ascii: "[") else { throw scanner.failure("\"geometries\" must be an array") }
                    scanner.advance()
                    var list: [Geometry] = []
                    if try !scanner.consume(UInt8(ascii: "]")) {
                        repeat {
                            let (member, vertices) = try read(&scanner, depth: depth + 1)
                            guard let member else { throw scanner.failure("a GeometryCollection member is null") }
                            list.append(member)
                            memberVertices += vertices
                        } while try scanner.commaOrEnd(UInt8(ascii: "]"))
                    }
                    members = list
                case .other:
                    try scanner.skipValue()
                }
            } while try scanner.commaOrEnd(UInt8(ascii: "}"))
        }

        guard let typeName else { throw scanner.failure("a geometry has no \"type\"") }
        if typeName == "GeometryCollection" {
            guard let members else { throw scanner.failure("GeometryCollection without \"geometries\"") }
            return (.geometryCollection(members), memberVertices)
        }
        guard let kind = GeometryKind(rawValue: typeName) else {
            throw scanner.failure("unknown geometry type \(ParseFailure.quoted(typeName))")
        }
        guard let coordinates else { throw scanner.failure("\(typeName) without \"coordinates\"") }
        do {
            return try geometry(kind, coordinates)
        } catch {
            throw scanner.failure(error.reason)
        }
    }

    /// The geometry types that carry `coordinates`.
    enum GeometryKind: String {
        case point = "Point"
        case multiPoint = "MultiPoint"
        case lineString = "LineString"
        case multiLineString = "MultiLineString"
        case polygon = "Polygon"
        case multiPolygon = "MultiPolygon"
    }

    /// Builds a geometry of `kind` from coordinates of the depth that kind needs (an empty array
    /// is an empty geometry), and counts its positions.
    static func geometry(_ kind: GeometryKind, _ coordinates: CoordinateNesting) throws(ParseFailure) -> (Geometry, Int) {
        switch (kind, coordinates) {
        case (.point, .position(let c)):
            return (.point(c), 1)
        case (.multiPoint, .positions(let cs)):
            return (.multiPoint(cs), cs.count)
        case (.multiPoint, .empty):
            return (.multiPoint([]), 0)
        case (.lineString, .positions(let cs)):
            return (.lineString(cs), cs.count)
        case (.lineString, .empty):
            return (.lineString([]), 0)
        case (.multiLineString, .lines(let lines)):
            return (.multiLineString(lines), lines.reduce(0) { $0 + $1.count })
        case (.multiLineString, .empty):
            return (.multiLineString([]), 0)
        case (.multiLineString, .emptyLists(let count)):
            return (.multiLineString(Array(repeating: [], count: count)), 0)
        case (.polygon, .lines(let rings)):
            return (.polygon(polygon(rings)), rings.reduce(0) { $0 + $1.count })
        case (.polygon, .empty):
            return (.polygon(Polygon(exterior: LinearRing([]))), 0)
        case (.polygon, .emptyLists(let count)):
            return (.polygon(polygon(Array(repeating: [], count: count))), 0)
        case (.multiPolygon, .polygons(let polygons)):
            var vertices = 0
            for rings in polygons {
                for ring in rings { vertices += ring.count }
            }
            return (.multiPolygon(polygons.map(polygon)), vertices)
        case (.multiPolygon, .empty):
            return (.multiPolygon([]), 0)
        case (.multiPolygon, .emptyLists(let count)):
            return (.multiPolygon(Array(repeating: Polygon(exterior: LinearRing([])), count: count)), 0)
        default:
            throw ParseFailure("\(kind.rawValue) coordinates must be \(expectedShape(kind)), found \(coordinates.shapeDescription)", line: nil)
        }
    }

    /// A polygon from its rings: the first is the exterior, the rest are holes (an empty list gives
    /// an empty polygon).
    static func polygon(_ rings: [[Coordinate]]) -> Polygon {
        guard let exterior = rings.first else { return Polygon(exterior: LinearRing([])) }
        return Polygon(exterior: LinearRing(exterior), holes: rings.dropFirst().map(LinearRing.init))
    }

    private static func expectedShape(_ kind: GeometryKind) -> String {
        switch kind {
        case .point: "a single position [x, y]"
        case .multiPoint, .lineString: "an array of positions"
        case .multiLineString: "an array of lines (arrays of positions)"
        case .polygon: "an array of rings (arrays of positions)"
        case .multiPolygon: "an array of polygons (arrays of rings)"
        }
    }

    private enum GeometryMember: String, JSONMemberName {
        case type, coordinates, geometries, other
    }
}
