import GeoFormats
/// Writes tile layers as a Mapbox Vector Tile (specification 2.1): the uncompressed protobuf
/// bytes that MBTiles, GDAL's MVT driver and MapLibre read.
///
/// The protobuf wire format is written by hand (varints, zigzag, length-delimited fields): a
/// vector tile is a handful of fields in three nested messages, while swift-protobuf would add a
/// generated-code step and a plugin that cost minutes of build for nothing.
///
/// Geometry: a multipolygon becomes ONE feature of type POLYGON whose rings follow each other,
/// every exterior followed by its holes, with the command cursor carried across rings and
/// polygons. Rings arrive closed and already in MVT's winding (exteriors with positive shoelace
/// area in y-down tile units, holes negative); the winding is kept as it is. The repeated
/// closing point is not written (ClosePath closes the ring), consecutive duplicate points are
/// dropped, and rings left with fewer than 3 points or no area are dropped (a vanished exterior
/// takes its holes with it); a feature with no ring left, and a layer with no feature left, is
/// left out.
///
/// Attributes: keys and values are shared per layer in tables filled in first-use order, a
/// feature's keys taken in sorted order (by UTF-8 bytes), so the same layers always give the
/// same bytes. Strings become string values, integers sint (negative) or uint values, other
/// numbers double values, booleans bool values, arrays and objects their compact JSON text;
/// nulls and non-finite numbers (null in the JSON tiles) are left out, MVT having no null.
/// Feature ids are not written.
public enum VectorTileEncoder {
    /// The Mapbox Vector Tile 2.1 protobuf bytes (not compressed) of `layers`, in the given order.
    public static func encode(_ layers: [TileLayer]) -> [UInt8] {
        var tile = ProtobufWriter()
        for layer in layers {
            guard let bytes = encodeLayer(layer) else { continue }
            tile.writeBytes(field: TileField.layers, bytes)
        }
        return tile.bytes
    }

    // MARK: - Field numbers and codes of vector_tile.proto 2.1

    private enum TileField {
        static let layers = 3
    }

    private enum LayerField {
        static let name = 1
        static let features = 2
        static let keys = 3
        static let values = 4
        static let extent = 5
        static let version = 15
    }

    private enum FeatureField {
        static let tags = 2
        static let type = 3
        static let geometry = 4
    }

    private enum ValueField {
        static let string = 1
        static let double = 3
        static let uint = 5
        static let sint = 6
        static let bool = 7
    }

    private enum GeometryType {
        static let point: UInt64 = 1
        static let polygon: UInt64 = 3
    }

    private enum Command {
        static let moveTo: UInt32 = 1
        static let lineTo: UInt32 = 2
        static let closePath: UInt32 = 7

        /// The command integer: the id in the low 3 bits, the repeat count above.
        static func integer(_ id: UInt32, count: Int) -> UInt32 {
            (id & 0x7) | (UInt32(count) << 3)
        }
    }

    /// The major version of the specification, written in every layer.
    private static let specificationVersion: UInt64 = 2

    // MARK: - Layers

    /// A value of the layer's value table, hashable by its exact encoding (strings by their
    /// UTF-8 bytes, doubles by their bit pattern) so that deduplication never merges two values
    /// that would be written differently.
    private enum LayerValue: Hashable {
        case string([UInt8])
        case double(UInt64)
        case uint(UInt64)
        case sint(Int64)
        case bool(Bool)

        init?(_ value: JSONValue) {
            switch value {
            case .null: return nil
            case .bool(let flag): self = .bool(flag)
            case .integer(let number): self = number < 0 ? .sint(Int64(number)) : .uint(UInt64(number))
            case .number(let number):
                guard number.isFinite else { return nil }
                self = .double(number.bitPattern)
            case .string(let text): self = .string(Array(text.utf8))
            case .array, .object, .raw: self = .string(value.bytes)
            }
        }

        /// The encoded Value message.
        var message: [UInt8] {
            var writer = ProtobufWriter()
            switch self {
            case .string(let utf8): writer.writeBytes(field: ValueField.string, utf8)
            case .double(let bits): writer.writeFixed64(field: ValueField.double, bits)
            case .uint(let number): writer.writeVarint(field: ValueField.uint, number)
            case .sint(let number): writer.writeVarint(field: ValueField.sint, ProtobufWriter.zigzag(number))
            case .bool(let flag): writer.writeVarint(field: ValueField.bool, flag ? 1 : 0)
            }
            return writer.bytes
        }
    }

    /// A table that numbers entries in first-use order.
    private struct IndexTable<Entry: Hashable> {
        private(set) var entries: [Entry] = []
        private var indices: [Entry: Int] = [:]

        mutating func index(of entry: Entry) -> Int {
            if let index = indices[entry] { return index }
            let index = entries.count
            entries.append(entry)
            indices[entry] = index
            return index
        }
    }

    /// The encoded Layer message, or nil when no feature of the layer has geometry left.
    private static func encodeLayer(_ layer: TileLayer) -> [UInt8]? {
        var keys = IndexTable<[UInt8]>()
        var values = IndexTable<LayerValue>()
        var features = ProtobufWriter()
        var featureCount = 0
        for feature in layer.features {
            let type: UInt64
            let geometry: [UInt32]
            switch feature.geometry {
            case .point(let x, let y):
                type = GeometryType.point
                geometry = pointCommands(x: x, y: y)
            case .multiPolygon(let polygons):
                type = GeometryType.polygon
                geometry = polygonCommands(polygons)
            }
            guard !geometry.isEmpty else { continue }

            var tags: [UInt32] = []
            let properties = feature.properties.map { (key: Array($0.key.utf8), value: $0.value) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            for (key, property) in properties {
                guard let value = LayerValue(property) else { continue }
                tags.append(UInt32(keys.index(of: key)))
                tags.append(UInt32(values.index(of: value)))
            }

            var message = ProtobufWriter()
            if !tags.isEmpty { message.writePacked(field: FeatureField.tags, tags) }
            message.writeVarint(field: FeatureField.type, type)
            message.writePacked(field: FeatureField.geometry, geometry)
            features.writeBytes(field: LayerField.features, message.bytes)
            featureCount += 1
        }
        guard featureCount > 0 else { return nil }

        var writer = ProtobufWriter()
        writer.writeVarint(field: LayerField.version, specificationVersion)
        writer.writeBytes(field: LayerField.name, Array(layer.name.utf8))
        writer.append(features.bytes)
        for key in keys.entries { writer.writeBytes(field: LayerField.keys, key) }
        for value in values.entries { writer.writeBytes(field: LayerField.values, value.message) }
        writer.writeVarint(field: LayerField.extent, UInt64(layer.extent))
        return writer.bytes
    }

    // MARK: - Geometry commands

    private static func pointCommands(x: Int, y: Int) -> [UInt32] {
        [Command.integer(Command.moveTo, count: 1), parameter(x), parameter(y)]
    }

    /// The command stream of all rings of all polygons, the cursor carried from ring to ring.
    private static func polygonCommands(_ polygons: [[[[Int]]]]) -> [UInt32] {
        var commands: [UInt32] = []
        var cursorX = 0, cursorY = 0
        for polygon in polygons {
            for (index, ring) in polygon.enumerated() {
                guard let points = cleanedRing(ring) else {
                    if index == 0 { break } // no exterior: its holes would attach to the previous polygon
                    continue
                }
                commands.append(Command.integer(Command.moveTo, count: 1))
                commands.append(parameter(points[0].x - cursorX))
                commands.append(parameter(points[0].y - cursorY))
                commands.append(Command.integer(Command.lineTo, count: points.count - 1))
                for pair in zip(points, points.dropFirst()) {
                    commands.append(parameter(pair.1.x - pair.0.x))
                    commands.append(parameter(pair.1.y - pair.0.y))
                }
                commands.append(Command.integer(Command.closePath, count: 1))
                (cursorX, cursorY) = (points[points.count - 1].x, points[points.count - 1].y)
            }
        }
        return commands
    }

    /// The ring's points without the closing point and without consecutive duplicates, or nil
    /// when fewer than 3 points or no area is left.
    private static func cleanedRing(_ ring: [[Int]]) -> [(x: Int, y: Int)]? {
        var points: [(x: Int, y: Int)] = []
        points.reserveCapacity(ring.count)
        for point in ring where point.count >= 2 {
            if let last = points.last, last.x == point[0], last.y == point[1] { continue }
            points.append((point[0], point[1]))
        }
        while points.count > 1, points[points.count - 1] == points[0] { points.removeLast() }
        guard points.count >= 3 else { return nil }
        var doubledArea = 0
        for index in points.indices {
            let next = points[(index + 1) % points.count]
            doubledArea += points[index].x * next.y - next.x * points[index].y
        }
        return doubledArea == 0 ? nil : points
    }

    /// A zigzag-encoded command parameter.
    private static func parameter(_ value: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: ProtobufWriter.zigzag(Int64(value)))
    }
}

extension VectorTileEncoder {
    /// The few protobuf wire-format primitives a vector tile needs.
    fileprivate struct ProtobufWriter {
        private(set) var bytes: [UInt8] = []

        private enum WireType {
            static let varint = 0
            static let fixed64 = 1
            static let lengthDelimited = 2
        }

        /// Signed to unsigned so that small magnitudes stay small varints.
        static func zigzag(_ value: Int64) -> UInt64 {
            UInt64(bitPattern: (value << 1) ^ (value >> 63))
        }

        mutating func append(_ other: [UInt8]) {
            bytes += other
        }

        mutating func writeVarint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        private mutating func writeKey(field: Int, wireType: Int) {
            writeVarint(UInt64(field << 3 | wireType))
        }

        mutating func writeVarint(field: Int, _ value: UInt64) {
            writeKey(field: field, wireType: WireType.varint)
            writeVarint(value)
        }

        mutating func writeFixed64(field: Int, _ value: UInt64) {
            writeKey(field: field, wireType: WireType.fixed64)
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }

        mutating func writeBytes(field: Int, _ value: [UInt8]) {
            writeKey(field: field, wireType: WireType.lengthDelimited)
            writeVarint(UInt64(value.count))
            bytes += value
        }

        /// A packed repeated uint32 field.
        mutating func writePacked(field: Int, _ values: [UInt32]) {
            var payload = ProtobufWriter()
            for value in values { payload.writeVarint(UInt64(value)) }
            writeBytes(field: field, payload.bytes)
        }
    }
}
