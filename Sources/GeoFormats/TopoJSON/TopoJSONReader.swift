import GeoCore

/// Reads a TopoJSON topology (https://github.com/topojson/topojson-specification) and passes on
/// one feature per geometry of every object, objects in document order.
///
/// The whole document is parsed before any feature is passed on, because the `arcs` and
/// `transform` members that geometries refer to may come after `objects`. The caller reads the
/// file with a scanner chunk as large as the file (TopoJSON is compact; `BoundarySource` refuses
/// files over `maximumFileSize`).
enum TopoJSONReader {
    /// TopoJSON files larger than this are refused (they are read whole).
    static let maximumFileSize = 1 << 30

    /// Parses the topology in `scanner` and calls `body` for each geometry.
    ///
    /// - Throws: `FormatError` naming `file` (and the feature index or line) for bad input;
    ///   whatever `body` throws, unchanged.
    static func read(
        _ scanner: inout JSONScanner, file: String, member: String?, _ body: (SourceFeature) throws -> Void
    ) throws -> (features: Int, vertices: Int) {
        let topology: Topology
        do {
            topology = try readTopology(&scanner)
        } catch {
            throw FormatError(file: file, line: error.line, reason: error.reason)
        }

        let decoder = ArcDecoder(arcs: topology.arcs, transform: topology.transform)
        var index = 0
        var vertices = 0
        for object in topology.objects {
            let geometries = object.type == "GeometryCollection" ? object.geometries ?? [] : [object]
            for topoGeometry in geometries {
                let geometry: Geometry?
                let count: Int
                do {
                    (geometry, count) = try decoder.geometry(topoGeometry)
                } catch {
                    throw FormatError(file: file, featureIndex: index, reason: error.reason)
                }
                try body(SourceFeature(index: index, properties: topoGeometry.properties, geometry: geometry, member: member))
                index += 1
                vertices += count
            }
        }
        return (index, vertices)
    }

    // MARK: - Parsing

    /// The parsed document, arcs still quantized and delta-encoded.
    struct Topology {
        var arcs: [[Coordinate]] = []
        var transform: Transform?
        var objects: [TopoGeometry] = []
    }

    /// `transform`: quantized position (x, y) ↦ (x · scale.x + translate.x, y · scale.y + translate.y).
    struct Transform {
        var scale: Coordinate
        var translate: Coordinate

        @inline(__always)
        func apply(_ x: Double, _ y: Double) -> Coordinate {
            Coordinate(x: x * scale.x + translate.x, y: y * scale.y + translate.y)
        }
    }

    /// A geometry object before its arcs are resolved.
    struct TopoGeometry {
        /// `nil` for a null geometry (`"type": null` or no type).
        var type: String?
        var properties: [String: String?] = [:]
        var arcs: ArcReferences?
        var coordinates: CoordinateNesting?
        var geometries: [TopoGeometry]?
    }

    /// Nested arrays of arc indices, as written (depth checked when the type is known).
    indirect enum ArcReferences {
        case index(Int)
        case list([ArcReferences])
    }

    private static func readTopology(_ scanner: inout JSONScanner) throws(ParseFailure) -> Topology {
        try scanner.startDocument()
        let first = try scanner.peek()
        guard first == UInt8(ascii: "{") else {
            throw scanner.failure("not JSON: unexpected \(scanner.describeByte(first))")
        }
        scanner.advance()
        var topology = Topology()
        var type: String?
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                switch try scanner.readKey(TopologyMember.init) {
                case .type:
                    type = try scanner.readString()
                case .transform:
                    topology.transform = try readTransform(&scanner)
                case .arcs:
                    topology.arcs = try scanner.readLineList()
                case .objects:
                    guard try scanner.peek() == UInt8(ascii: "{") else { throw scanner.failure("TopoJSON \"objects\" must be an object") }
                    scanner.advance()
                    if try !scanner.consume(UInt8(ascii: "}")) {
                        repeat {
                            _ = try scanner.readKey { _ in () }
                            topology.objects.append(try readGeometry(&scanner, depth: 0))
                        } while try scanner.commaOrEnd(UInt8(ascii: "}"))
                    }
                case .other:
                    try scanner.skipValue()
                }
            } while try scanner.commaOrEnd(UInt8(ascii: "}"))
        }
        try scanner.finishDocument()
        guard type == "Topology" else {
            throw ParseFailure("not TopoJSON: the top-level type is \(type.map(ParseFailure.quoted) ?? "missing") (expected \"Topology\")", line: nil)
        }
        return topology
    }

    private static func readTransform(_ scanner: inout JSONScanner) throws(ParseFailure) -> Transform {
        guard try scanner.peek() == UInt8(ascii: "{") else { throw scanner.failure("TopoJSON \"transform\" must be an object") }
        scanner.advance()
        var scale: Coordinate?
        var translate: Coordinate?
        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                let name = try scanner.readKey { String(decoding: $0, as: UTF8.self) }
                switch name {
                case "scale", "translate":
                    guard try scanner.peek() == UInt8(ascii: "["), case .position(let pair) = try scanner.readCoordinates() else {
                        throw scanner.failure("TopoJSON transform \"\(name)\" must be an array of two numbers")
                    }
                    if name == "scale" { scale = pair } else { translate = pair }
                default:
                    try scanner.skipValue()
                }
            } while try scanner.commaOrEnd(UInt8(ascii: "}"))
        }
        guard let scale, let translate else { throw scanner.failure("TopoJSON \"transform\" needs both \"scale\" and \"translate\"") }
        return Transform(scale: scale, translate: translate)
    }

    private static func readGeometry(_ scanner: inout JSONScanner, depth: Int) throws(ParseFailure) -> TopoGeometry {
        var geometry = TopoGeometry()
        let byte = try scanner.peek()
        if byte == UInt8(ascii: "n") {
            guard try scanner.readLiteral() == .null else { throw scanner.failure("a TopoJSON geometry must be an object or null") }
            return geometry
        }
        guard byte == UInt8(ascii: "{") else { throw scanner.failure("a TopoJSON geometry must be an object or null") }
        guard depth <= GeoJSONGeometryReader.maximumCollectionDepth else {
            throw scanner.failure("GeometryCollections nested more than \(GeoJSONGeometryReader.maximumCollectionDepth) levels deep")
        }
        scanner.advance()
        guard try !scanner.consume(UInt8(ascii: "}")) else { return geometry }
        repeat {
            switch try scanner.readKey(GeometryMember.init) {
            case .type:
                if try scanner.peek() == UInt8(ascii: "n") {
                    guard try scanner.readLiteral() == .null else { throw scanner.failure("a geometry \"type\" must be a string or null") }
                } else {
                    guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.failure("a geometry \"type\" must be a string or null") }
                    geometry.type = try scanner.readString()
                }
            case .properties:
                geometry.properties = try scanner.readPropertyObject()
            case .arcs:
                geometry.arcs = try readArcReferences(&scanner, depth: 0)
            case .coordinates:
                geometry.coordinates = try scanner.readCoordinates()
            case .geometries:
                guard try scanner.peek() == UInt8(ascii: "[") else { throw scanner.failure("\"geometries\" must be an array") }
                scanner.advance()
                var members: [TopoGeometry] = []
                if try !scanner.consume(UInt8(ascii: "]")) {
                    repeat {
                        members.append(try readGeometry(&scanner, depth: depth + 1))
                    } while try scanner.commaOrEnd(UInt8(ascii: "]"))
                }
                geometry.geometries = members
            case .other:
                try scanner.skipValue()
            }
        } while try scanner.commaOrEnd(UInt8(ascii: "}"))
        return geometry
    }

    private static func readArcReferences(_ scanner: inout JSONScanner, depth: Int) throws(ParseFailure) -> ArcReferences {
        let byte = try scanner.peek()
        if JSONScanner.isNumberStart(byte) {
            let value = try scanner.readNumber()
            guard value == value.rounded(.towardZero), abs(value) < Double(Int32.max) else {
                throw scanner.failure("an arc index must be an integer, found \(value)")
            }
            return .index(Int(value))
        }
        guard byte == UInt8(ascii: "["), depth < 3 else {
            throw scanner.failure("\"arcs\" must be nested arrays of arc indices (at most three levels)")
        }
        scanner.advance()
        var list: [ArcReferences] = []
        if try !scanner.consume(UInt8(ascii: "]")) {
            repeat {
                list.append(try readArcReferences(&scanner, depth: depth + 1))
            } while try scanner.commaOrEnd(UInt8(ascii: "]"))
        }
        return .list(list)
    }

    private enum TopologyMember: String, JSONMemberName {
        case type, transform, arcs, objects, other
    }

    private enum GeometryMember: String, JSONMemberName {
        case type, properties, arcs, coordinates, geometries, other
    }
}
