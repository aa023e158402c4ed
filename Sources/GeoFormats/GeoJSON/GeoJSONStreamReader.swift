import GeoCore

/// Streams the features of a GeoJSON FeatureCollection (RFC 7946), or of a single Feature, one
/// at a time: memory stays at one scanner chunk plus one feature, whatever the file's size.
enum GeoJSONStreamReader {
    enum Outcome {
        /// The document was GeoJSON; this many features and positions were passed on.
        case features(count: Int, vertices: Int)
        /// The top-level `type` is "Topology": the caller should read the file as TopoJSON.
        /// Seen before any feature was passed on.
        case topology
    }

    /// Reads the document from `scanner`, calling `body` for each feature in order.
    ///
    /// - Throws: `FormatError` naming `file`, the feature index and line for bad input; whatever
    ///   `body` throws, unchanged.
    static func read(
        _ scanner: inout JSONScanner, file: String, member: String?, _ body: (SourceFeature) throws -> Void
    ) throws -> Outcome {
        var currentFeature: Int?
        do {
            return try readDocument(&scanner, member: member, currentFeature: &currentFeature, body)
        } catch let failure as ParseFailure {
            throw FormatError(file: file, featureIndex: currentFeature, line: failure.line, reason: failure.reason)
        }
    }

    private static func readDocument(
        _ scanner: inout JSONScanner, member: String?, currentFeature: inout Int?, _ body: (SourceFeature) throws -> Void
    ) throws -> Outcome {
        try scanner.startDocument()
        let first = try scanner.peek()
        guard first == UInt8(ascii: "{") else {
            if first == UInt8(ascii: "[") {
                throw scanner.failure("not GeoJSON: the document is an array (expected a FeatureCollection or Feature object)")
            }
            if let kind = JSONScanner.valueKind(startingWith: first) {
                throw scanner.failure("not GeoJSON: the document is \(kind) (expected a FeatureCollection or Feature object)")
            }
            throw scanner.failure("not JSON: unexpected \(scanner.describeByte(first))")
        }
        scanner.advance()

        var type: String?
        var count = 0
        var vertices = 0
        // Members of a top-level Feature, kept until its type is known.
        var singleProperties: [String: String?] = [:]
        var singleGeometry: (geometry: Geometry?, vertices: Int) = (nil, 0)

        if try !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                switch try scanner.readKey(TopLevelMember.init) {
                case .type:
                    guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.failure("not GeoJSON: the top-level \"type\" is not a string") }
                    type = try scanner.readString()
                    if type == "Topology" && count == 0 { return .topology }
                case .features:
                    guard try scanner.peek() == UInt8(ascii: "[") else { throw scanner.failure("\"features\" must be an array") }
                    scanner.advance()
                    if try !scanner.consume(UInt8(ascii: "]")) {
                        repeat {
                            currentFeature = count
                            let (feature, featureVertices) = try readFeature(&scanner, index: count, member: member)
                            currentFeature = nil
                            try body(feature)
                            count += 1
                            vertices += featureVertices
                        } while try scanner.commaOrEnd(UInt8(ascii: "]"))
                    }
                case .properties where type != "FeatureCollection":
                    currentFeature = 0
                    singleProperties = try scanner.readPropertyObject()
                    currentFeature = nil
                case .geometry where type != "FeatureCollection":
                    currentFeature = 0
                    singleGeometry = try GeoJSONGeometryReader.read(&scanner)
                    currentFeature = nil
                default:
                    try scanner.skipValue()
                }
            } while try scanner.commaOrEnd(UInt8(ascii: "}"))
        }
        try scanner.finishDocument()

        switch type {
        case "FeatureCollection":
            return .features(count: count, vertices: vertices)
        case "Feature":
            try body(SourceFeature(index: 0, properties: singleProperties, geometry: singleGeometry.geometry, member: member))
            return .features(count: 1, vertices: singleGeometry.vertices)
        case nil where count > 0:
            return .features(count: count, vertices: vertices)
        case nil:
            throw scanner.failure("not GeoJSON: the top-level object has no \"type\"")
        case let other?:
            throw scanner.failure("not GeoJSON: the top-level type is \(ParseFailure.quoted(other)) (expected FeatureCollection, Feature or Topology)")
        }
    }

    /// Reads one Feature object.
    private static func readFeature(
        _ scanner: inout JSONScanner, index: Int, member: String?
    ) throws(ParseFailure) -> (SourceFeature, vertices: Int) {
        let byte = try scanner.peek()
        guard byte == UInt8(ascii: "{") else {
            guard let kind = JSONScanner.valueKind(startingWith: byte) else { throw scanner.unexpected(expecting: "a Feature object") }
            throw scanner.failure("a member of \"features\" must be a Feature object, found \(kind)")
        }
        scanner.advance()
        var feature = SourceFeature(index: index, properties: [:], geometry: nil, member: member)
        var vertices = 0
        guard try !scanner.consume(UInt8(ascii: "}")) else { return (feature, 0) }
        repeat {
            switch try scanner.readKey(FeatureMember.init) {
            case .type:
                guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.failure("the feature \"type\" must be a string") }
                let type = try scanner.readString()
                guard type == "Feature" else { throw scanner.failure("expected a Feature, found type \(ParseFailure.quoted(type))") }
            case .properties:
                feature.properties = try scanner.readPropertyObject()
            case .geometry:
                (feature.geometry, vertices) = try GeoJSONGeometryReader.read(&scanner)
            case .other:
                try scanner.skipValue()
            }
        } while try scanner.commaOrEnd(UInt8(ascii: "}"))
        return (feature, vertices)
    }

    private enum TopLevelMember: String, JSONMemberName {
        case type, features, properties, geometry, other
    }

    private enum FeatureMember: String, JSONMemberName {
        case type, properties, geometry, other
    }
}
