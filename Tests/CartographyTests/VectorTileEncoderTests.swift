import Cartography
import Foundation
import GeoFormats
import TestSupport
import XCTest

/// Mapbox Vector Tile encoding: commands and coordinates of polygons with holes, multipolygons
/// and points, degenerate rings, shared key/value tables, determinism, all decoded back with a
/// small protobuf reader; then GDAL's MVT driver must open the tile and see the same features.
final class VectorTileEncoderTests: XCTestCase {
    // MARK: Fixtures

    /// A ring from corner points, closed by repeating the first point.
    private func ring(_ points: [(Int, Int)]) -> [[Int]] {
        (points + [points[0]]).map { [$0.0, $0.1] }
    }

    /// Clockwise on screen (y down): positive shoelace area, MVT's exterior winding.
    private func exterior(_ minX: Int, _ minY: Int, _ maxX: Int, _ maxY: Int) -> [[Int]] {
        ring([(minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY)])
    }

    /// Counter-clockwise on screen: a hole.
    private func hole(_ minX: Int, _ minY: Int, _ maxX: Int, _ maxY: Int) -> [[Int]] {
        ring([(minX, minY), (minX, maxY), (maxX, maxY), (maxX, minY)])
    }

    private var squareWithHole: TileFeature {
        // A repeated point that the encoder must drop.
        var outer = exterior(0, 0, 100, 100)
        outer.insert([100, 0], at: 1)
        return TileFeature(geometry: .multiPolygon([[outer, hole(20, 20, 80, 80)]]), properties: [
            "name": .string("水戸市"),
            "code": .string("08201"),
            "value": .integer(336_000_000),
            "change": .integer(-5),
            "share": .number(1.5),
            "capital": .bool(true),
            "missing": .null,
            "years": .array([.integer(2020), .string("a")]),
            "detail": .object(["b": .integer(1), "a": .bool(false)]),
            "class": .string("c0"),
        ])
    }

    private var twoPolygons: TileFeature {
        TileFeature(geometry: .multiPolygon([[exterior(200, 200, 300, 300)], [exterior(-64, 4000, 10, 4160)]]),
                    properties: ["name": .string("二つ"), "class": .string("c0"), "value": .integer(7)])
    }

    /// Zero area: a flat ring and a ring of two distinct points.
    private var vanishing: TileFeature {
        TileFeature(geometry: .multiPolygon([[ring([(0, 0), (50, 0), (100, 0)])], [ring([(5, 5), (6, 6), (6, 6)])]]),
                    properties: ["name": .string("gone")])
    }

    private var site: TileFeature {
        TileFeature(geometry: .point(x: 2048, y: 1024), properties: ["name": .string("工場"), "amount": .number(12.25)])
    }

    private var layers: [TileLayer] {
        [
            TileLayer(name: "municipalities", extent: 4096, features: [squareWithHole, vanishing, twoPolygons]),
            TileLayer(name: "empty", extent: 4096, features: []),
            TileLayer(name: "gone", extent: 4096, features: [vanishing]),
            TileLayer(name: "sites", extent: 4096, features: [site]),
        ]
    }

    // MARK: Decoded structure

    func testLayersFeaturesAndVersion() throws {
        let tile = try DecodedTile(VectorTileEncoder.encode(layers))
        XCTAssertEqual(tile.layers.map(\.name), ["municipalities", "sites"], "empty layers are left out")
        for layer in tile.layers {
            XCTAssertEqual(layer.version, 2)
            XCTAssertEqual(layer.extent, 4096)
        }
        XCTAssertEqual(tile.layers[0].features.count, 2, "the vanishing feature is left out")
        XCTAssertEqual(tile.layers[0].features.map(\.type), [3, 3])
        XCTAssertEqual(tile.layers[1].features.map(\.type), [1])
        XCTAssertTrue(tile.layers.allSatisfy { $0.features.allSatisfy { $0.id == nil } }, "no feature ids")
        XCTAssertEqual(VectorTileEncoder.encode([]), [])
    }

    func testSquareWithHoleCommands() throws {
        let tile = try DecodedTile(VectorTileEncoder.encode(layers))
        let geometry = tile.layers[0].features[0].geometry
        XCTAssertEqual(geometry, [
            9, 0, 0, 26, 200, 0, 0, 200, 199, 0, 15, // MoveTo(0,0) LineTo×3 ClosePath; the duplicate is gone
            9, 40, 159, 26, 0, 120, 120, 0, 0, 119, 15, // hole: MoveTo from the cursor (0,100) to (20,20)
        ])
        let rings = try Self.rings(geometry)
        XCTAssertEqual(rings.count, 2)
        XCTAssertEqual(rings[0].map { [$0.x, $0.y] }, [[0, 0], [100, 0], [100, 100], [0, 100]], "no closing point")
        XCTAssertEqual(rings[1].map { [$0.x, $0.y] }, [[20, 20], [20, 80], [80, 80], [80, 20]])
        XCTAssertGreaterThan(Self.doubledArea(rings[0]), 0, "exterior keeps its winding")
        XCTAssertLessThan(Self.doubledArea(rings[1]), 0, "hole keeps its winding")
    }

    func testMultiPolygonIsOneFeatureWithTheCursorCarriedAcrossPolygons() throws {
        let tile = try DecodedTile(VectorTileEncoder.encode(layers))
        let geometry = tile.layers[0].features[1].geometry
        let rings = try Self.rings(geometry)
        XCTAssertEqual(rings.map { $0.map { [$0.x, $0.y] } }, [
            [[200, 200], [300, 200], [300, 300], [200, 300]],
            [[-64, 4000], [10, 4000], [10, 4160], [-64, 4160]],
        ], "negative coordinates in the buffer survive")
        XCTAssertTrue(rings.allSatisfy { Self.doubledArea($0) > 0 }, "two exteriors")
        XCTAssertEqual(Array(geometry[11...13]), [9, Self.zigzag(-64 - 200), Self.zigzag(4000 - 300)],
                       "the second polygon starts from the first polygon's last point")
    }

    func testPointCommands() throws {
        let tile = try DecodedTile(VectorTileEncoder.encode(layers))
        XCTAssertEqual(tile.layers[1].features[0].geometry, [9, 4096, 2048])
        let buffered = TileLayer(name: "sites", extent: 4096, features: [TileFeature(geometry: .point(x: 10, y: -20), properties: [:])])
        let feature = try DecodedTile(VectorTileEncoder.encode([buffered])).layers[0].features[0]
        XCTAssertEqual(feature.geometry, [9, 20, 39], "a point in the buffer, above the tile")
        XCTAssertEqual(feature.tags, [], "no properties, no tags")
    }

    func testPropertiesOfEveryKindAndSharedTables() throws {
        let tile = try DecodedTile(VectorTileEncoder.encode(layers))
        let municipalities = tile.layers[0]
        XCTAssertEqual(municipalities.keys, ["capital", "change", "class", "code", "detail", "name", "share", "value", "years"],
                       "first-use order, a feature's keys sorted; null left out")
        XCTAssertEqual(municipalities.values, [
            .bool(true), .sint(-5), .string("c0"), .string("08201"), .string(#"{"a":false,"b":1}"#),
            .string("水戸市"), .double(1.5), .uint(336_000_000), .string(#"[2020,"a"]"#),
            .string("二つ"), .uint(7),
        ])
        XCTAssertEqual(municipalities.features[0].properties(municipalities), [
            "capital": .bool(true), "change": .sint(-5), "class": .string("c0"), "code": .string("08201"),
            "detail": .string(#"{"a":false,"b":1}"#), "name": .string("水戸市"), "share": .double(1.5),
            "value": .uint(336_000_000), "years": .string(#"[2020,"a"]"#),
        ])
        XCTAssertEqual(municipalities.features[1].tags, [2, 2, 5, 9, 7, 10], "class=c0 reuses key 2 and value 2")
        let sites = tile.layers[1]
        XCTAssertEqual(sites.features[0].properties(sites), ["amount": .double(12.25), "name": .string("工場")])
    }

    func testSameInputSameBytes() {
        var reordered: [String: JSONValue] = [:]
        for key in squareWithHole.properties.keys.sorted().reversed() { reordered[key] = squareWithHole.properties[key] }
        var feature = squareWithHole
        feature.properties = reordered
        let first = VectorTileEncoder.encode(layers)
        var other = layers
        other[0].features[0] = feature
        XCTAssertEqual(first, VectorTileEncoder.encode(layers))
        XCTAssertEqual(first, VectorTileEncoder.encode(other))
    }

    // MARK: GDAL

    /// GDAL's MVT driver (gdal-bin; no python needed) must read the tile without a warning and
    /// see the features, their geometry types and attributes.
    func testGDALReadsTheTile() throws {
        // gdal-bin is one of the packages the scripts install: its absence is a failure, not a skip.
        let ogrinfo = try XCTUnwrap(Self.which("ogrinfo"), "ogrinfo (gdal-bin) is not installed")
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("VectorTileEncoderTests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let tileFolder = folder.appendingPathComponent("0/0")
        try FileManager.default.createDirectory(at: tileFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = tileFolder.appendingPathComponent("0.pbf").path
        try Data(VectorTileEncoder.encode(layers)).write(to: URL(fileURLWithPath: path))

        let result = try Self.run(ogrinfo, ["-al", "-oo", "X=0", "-oo", "Y=0", "-oo", "Z=0", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { !$0.isEmpty }, [], result.stderr)
        let out = result.stdout
        XCTAssertTrue(out.contains("Layer name: municipalities"), out)
        XCTAssertTrue(out.contains("Layer name: sites"), out)
        XCTAssertFalse(out.contains("Layer name: empty"), out)
        XCTAssertFalse(out.contains("Layer name: gone"), out)
        XCTAssertEqual(Self.featureCounts(out), [2, 1], out)
        XCTAssertTrue(out.contains("Geometry: Multi Polygon"), out)
        XCTAssertTrue(out.contains("Geometry: Point"), out)
        let blocks = out.components(separatedBy: "OGRFeature(").dropFirst()
        let squareWithHole = try XCTUnwrap(blocks.first { $0.contains("水戸市") }, out)
        XCTAssertTrue(squareWithHole.contains("\n  MULTIPOLYGON ((("), squareWithHole)
        XCTAssertEqual(Self.occurrences(of: ")),((", in: squareWithHole), 0, "one polygon\n\(squareWithHole)")
        XCTAssertEqual(Self.occurrences(of: "),(", in: squareWithHole), 1, "with one hole\n\(squareWithHole)")
        let twoPolygons = try XCTUnwrap(blocks.first { $0.contains("二つ") }, out)
        XCTAssertTrue(twoPolygons.contains("\n  MULTIPOLYGON ((("), twoPolygons)
        XCTAssertEqual(Self.occurrences(of: ")),((", in: twoPolygons), 1, "two polygons\n\(twoPolygons)")
        XCTAssertEqual(Self.occurrences(of: "),(", in: twoPolygons), 1, "without holes\n\(twoPolygons)")
        let site = try XCTUnwrap(blocks.first { $0.contains("工場") }, out)
        XCTAssertTrue(site.contains("\n  POINT ("), site)
        for attribute in ["name (String) = 水戸市", "code (String) = 08201", "value (Integer) = 336000000",
                          "change (Integer) = -5", "share (Real) = 1.5", "name (String) = 二つ", "value (Integer) = 7",
                          "name (String) = 工場", "amount (Real) = 12.25", #"years (String) = [2020,"a"]"#] {
            XCTAssertTrue(out.contains(attribute), "\(attribute) in\n\(out)")
        }
        XCTAssertTrue(out.range(of: #"capital \(Integer\(Boolean\)\) = 1"#, options: .regularExpression) != nil, out)
        XCTAssertFalse(out.contains("missing"), out)
    }

    // MARK: Helpers

    private static func zigzag(_ value: Int) -> UInt64 {
        UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
    }

    private static func unzigzag(_ value: UInt64) -> Int {
        Int(value >> 1) ^ -Int(value & 1)
    }

    private static func doubledArea(_ ring: [(x: Int, y: Int)]) -> Int {
        ring.indices.reduce(0) { sum, index in
            let next = ring[(index + 1) % ring.count]
            return sum + ring[index].x * next.y - next.x * ring[index].y
        }
    }

    /// The absolute points of each ring of a polygon command stream.
    private static func rings(_ geometry: [UInt64]) throws -> [[(x: Int, y: Int)]] {
        var rings: [[(x: Int, y: Int)]] = []
        var current: [(x: Int, y: Int)] = []
        var x = 0, y = 0, index = 0
        while index < geometry.count {
            let id = geometry[index] & 7, count = Int(geometry[index] >> 3)
            index += 1
            switch id {
            case 1, 2:
                if id == 1 { XCTAssertEqual(count, 1); XCTAssertTrue(current.isEmpty, "MoveTo after ClosePath") }
                for _ in 0..<count {
                    guard index + 1 < geometry.count else { throw ProtobufError.truncated }
                    x += unzigzag(geometry[index]); y += unzigzag(geometry[index + 1])
                    index += 2
                    current.append((x, y))
                }
            case 7:
                XCTAssertEqual(count, 1)
                rings.append(current)
                current = []
            default: throw ProtobufError.badCommand(id)
            }
        }
        XCTAssertTrue(current.isEmpty, "every ring closed")
        return rings
    }

    private static func featureCounts(_ ogrinfo: String) -> [Int] {
        ogrinfo.split(separator: "\n").compactMap { line in
            line.hasPrefix("Feature Count: ") ? Int(line.dropFirst("Feature Count: ".count)) : nil
        }
    }

    private static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    private static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try Program.run(executable, arguments)
        return (result.status, result.output, result.errors)
    }
}

// MARK: - A test-only protobuf reader for vector_tile.proto

private enum ProtobufError: Error {
    case truncated
    case badWireType(Int)
    case badCommand(UInt64)
}

/// Reads protobuf fields: (field number, wire type, varint or bytes).
private struct ProtobufReader {
    enum Payload {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
    }

    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw ProtobufError.truncated }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func next() throws -> (field: Int, payload: Payload)? {
        guard offset < bytes.count else { return nil }
        let key = try varint()
        let field = Int(key >> 3)
        switch key & 7 {
        case 0: return (field, .varint(try varint()))
        case 1:
            guard offset + 8 <= bytes.count else { throw ProtobufError.truncated }
            let value = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << UInt64(8 * $1) }
            offset += 8
            return (field, .fixed64(value))
        case 2:
            let length = Int(try varint())
            guard offset + length <= bytes.count else { throw ProtobufError.truncated }
            defer { offset += length }
            return (field, .bytes(Array(bytes[offset..<offset + length])))
        default: throw ProtobufError.badWireType(Int(key & 7))
        }
    }

    static func packed(_ bytes: [UInt8]) throws -> [UInt64] {
        var reader = ProtobufReader(bytes)
        var values: [UInt64] = []
        while reader.offset < bytes.count { values.append(try reader.varint()) }
        return values
    }
}

private enum DecodedValue: Equatable {
    case string(String)
    case double(Double)
    case uint(UInt64)
    case sint(Int64)
    case bool(Bool)
}

private struct DecodedFeature {
    var id: UInt64?
    var tags: [UInt64] = []
    var type: UInt64 = 0
    var geometry: [UInt64] = []

    func properties(_ layer: DecodedLayer) -> [String: DecodedValue] {
        var properties: [String: DecodedValue] = [:]
        for pair in stride(from: 0, to: tags.count - 1, by: 2) {
            properties[layer.keys[Int(tags[pair])]] = layer.values[Int(tags[pair + 1])]
        }
        return properties
    }
}

private struct DecodedLayer {
    var version: UInt64 = 1
    var name = ""
    var features: [DecodedFeature] = []
    var keys: [String] = []
    var values: [DecodedValue] = []
    var extent: UInt64 = 4096
}

private struct DecodedTile {
    var layers: [DecodedLayer] = []

    init(_ bytes: [UInt8]) throws {
        var tile = ProtobufReader(bytes)
        while let (field, payload) = try tile.next() {
            guard field == 3, case .bytes(let layerBytes) = payload else { continue }
            var layer = DecodedLayer()
            var reader = ProtobufReader(layerBytes)
            while let (field, payload) = try reader.next() {
                switch (field, payload) {
                case (15, .varint(let value)): layer.version = value
                case (1, .bytes(let value)): layer.name = String(decoding: value, as: UTF8.self)
                case (2, .bytes(let value)): layer.features.append(try Self.feature(value))
                case (3, .bytes(let value)): layer.keys.append(String(decoding: value, as: UTF8.self))
                case (4, .bytes(let value)): layer.values.append(try Self.value(value))
                case (5, .varint(let value)): layer.extent = value
                default: XCTFail("unexpected layer field \(field)")
                }
            }
            layers.append(layer)
        }
    }

    private static func feature(_ bytes: [UInt8]) throws -> DecodedFeature {
        var feature = DecodedFeature()
        var reader = ProtobufReader(bytes)
        while let (field, payload) = try reader.next() {
            switch (field, payload) {
            case (1, .varint(let value)): feature.id = value
            case (2, .bytes(let value)): feature.tags = try ProtobufReader.packed(value)
            case (3, .varint(let value)): feature.type = value
            case (4, .bytes(let value)): feature.geometry = try ProtobufReader.packed(value)
            default: XCTFail("unexpected feature field \(field)")
            }
        }
        return feature
    }

    private static func value(_ bytes: [UInt8]) throws -> DecodedValue {
        var reader = ProtobufReader(bytes)
        var values: [DecodedValue] = []
        while let (field, payload) = try reader.next() {
            switch (field, payload) {
            case (1, .bytes(let value)): values.append(.string(String(decoding: value, as: UTF8.self)))
            case (3, .fixed64(let value)): values.append(.double(Double(bitPattern: value)))
            case (5, .varint(let value)): values.append(.uint(value))
            case (6, .varint(let value)): values.append(.sint(Int64(value >> 1) ^ -Int64(value & 1)))
            case (7, .varint(let value)): values.append(.bool(value != 0))
            default: XCTFail("unexpected value field \(field)")
            }
        }
        XCTAssertEqual(values.count, 1, "a value holds exactly one field")
        return values[0]
    }
}
