import GeoCore
import XCTest

/// WKB encode/decode of GeoCore's `Geometry` (GeoCore/Geometry/WKB.swift).
final class WKBTests: XCTestCase {
    private func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: x, y: y) }

    private var everyType: [Geometry] {
        let ring = StoreFixtures.square(x: 0, y: 0, size: 10)
        let withHole = StoreFixtures.squareWithHole(x: 20, y: 20, size: 8)
        return [
            .point(c(139.6917, 35.6895)),
            .lineString([c(0, 0), c(1, 1), c(2, -1.5)]),
            .lineString([]),
            .polygon(Polygon(exterior: ring)),
            .polygon(withHole),
            .polygon(Polygon(exterior: LinearRing([]))),
            .multiPoint([c(1, 2), c(-3, 4)]),
            .multiPoint([]),
            .multiLineString([[c(0, 0), c(1, 0)], [], [c(5, 5), c(6, 6), c(7, 5)]]),
            .multiPolygon([Polygon(exterior: ring), withHole]),
            .multiPolygon([]),
            .geometryCollection([]),
            .geometryCollection([
                .point(c(1, 1)), .polygon(withHole),
                .geometryCollection([.lineString([c(0, 0), c(3, 3)]), .multiPoint([c(9, 9)])]),
            ]),
        ]
    }

    func testRoundTripOfEveryType() throws {
        for geometry in everyType {
            let bytes = geometry.wkb()
            XCTAssertEqual(bytes.count, geometry.wkbByteCount, "\(geometry.typeName) size")
            XCTAssertEqual(bytes.first, 1, "little endian")
            XCTAssertEqual(try Geometry(wkb: bytes), geometry, "\(geometry)")
        }
    }

    func testKnownLittleEndianBytes() {
        XCTAssertEqual(Geometry.point(c(1, 2)).wkb(), hex("0101000000000000000000F03F0000000000000040"))
        // MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))) as GDAL writes it.
        let triangle = Geometry.multiPolygon([Polygon(exterior: LinearRing([c(0, 0), c(1, 0), c(1, 1), c(0, 0)]))])
        XCTAssertEqual(triangle.wkb(), hex("""
            01060000000100000001030000000100000004000000\
            00000000000000000000000000000000\
            000000000000F03F0000000000000000\
            000000000000F03F000000000000F03F\
            00000000000000000000000000000000
            """))
    }

    func testWriteIntoBufferAtOffset() {
        let geometry = Geometry.lineString([c(1, 2), c(3, 4)])
        var buffer = [UInt8](repeating: 0xEE, count: geometry.wkbByteCount + 3)
        let written = buffer.withUnsafeMutableBytes { raw in
            geometry.writeWKB(to: UnsafeMutableRawBufferPointer(rebasing: raw[3...]))
        }
        XCTAssertEqual(written, geometry.wkbByteCount)
        XCTAssertEqual(Array(buffer[0..<3]), [0xEE, 0xEE, 0xEE])
        XCTAssertEqual(Array(buffer[3...]), geometry.wkb())
    }

    func testDecodesBigEndian() throws {
        XCTAssertEqual(try Geometry(wkb: hex("00000000013FF00000000000004000000000000000")), .point(c(1, 2)))
        // LINESTRING(1 2, 3 4), big endian.
        XCTAssertEqual(
            try Geometry(wkb: hex("0000000002000000023FF0000000000000400000000000000040080000000000004010000000000000")),
            .lineString([c(1, 2), c(3, 4)]))
        // A big-endian MULTIPOINT holding one little-endian point: byte order is per geometry.
        XCTAssertEqual(
            try Geometry(wkb: hex("000000000400000001" + "0101000000000000000000F03F0000000000000040")),
            .multiPoint([c(1, 2)]))
    }

    func testDecodesISOZAndMVariantsDroppingOrdinates() throws {
        // POINT Z (1 2 3), ISO code 1001.
        XCTAssertEqual(try Geometry(wkb: hex("01E9030000" + "000000000000F03F" + "0000000000000040" + "0000000000000840")),
                       .point(c(1, 2)))
        // LINESTRING M (1 2 7, 3 4 8), code 2002, big endian.
        XCTAssertEqual(try Geometry(wkb: hex("00000007D2" + "00000002"
                                             + "3FF0000000000000" + "4000000000000000" + "401C000000000000"
                                             + "4008000000000000" + "4010000000000000" + "4020000000000000")),
                       .lineString([c(1, 2), c(3, 4)]))
        // MULTIPOLYGON ZM with one triangle: outer code 3006, member code 3003, 4 ordinates per point.
        var bytes = hex("01BE0B000001000000" + "01BB0B00000100000004000000")
        for point in [(0.0, 0.0), (1, 0), (1, 1), (0, 0)] {
            bytes += le(point.0) + le(point.1) + le(5) + le(6)
        }
        XCTAssertEqual(try Geometry(wkb: bytes),
                       .multiPolygon([Polygon(exterior: LinearRing([c(0, 0), c(1, 0), c(1, 1), c(0, 0)]))]))
    }

    func testDecodesEWKBFlags() throws {
        // PostGIS SRID=4326;POINT Z (1 2 3): type 0xA0000001 little endian, then the SRID.
        XCTAssertEqual(try Geometry(wkb: hex("01010000A0E6100000" + "000000000000F03F" + "0000000000000040" + "0000000000000840")),
                       .point(c(1, 2)))
        // POINT M (1 2 9) with the EWKB M flag (0x40000001), big endian.
        XCTAssertEqual(try Geometry(wkb: hex("0040000001" + "3FF0000000000000" + "4000000000000000" + "4022000000000000")),
                       .point(c(1, 2)))
        // EWKB ZM POLYGON with SRID: 0xE0000003.
        var bytes = hex("01030000E0E61000000100000004000000")
        for point in [(0.0, 0.0), (1, 0), (1, 1), (0, 0)] {
            bytes += le(point.0) + le(point.1) + le(5) + le(6)
        }
        XCTAssertEqual(try Geometry(wkb: bytes), .polygon(Polygon(exterior: LinearRing([c(0, 0), c(1, 0), c(1, 1), c(0, 0)]))))
    }

    func testEmptyPointDecodesAsNaN() throws {
        let geometry = try Geometry(wkb: hex("0101000000000000000000F87F000000000000F87F"))
        guard case .point(let p) = geometry else { return XCTFail("not a point: \(geometry)") }
        XCTAssertTrue(p.x.isNaN && p.y.isNaN)
    }

    func testEveryTruncationThrows() {
        for geometry in everyType {
            let bytes = geometry.wkb()
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try Geometry(wkb: Array(bytes[0..<length])), "\(geometry.typeName) cut at \(length)") {
                    guard case WKBError.truncated = $0 else { return XCTFail("\($0)") }
                }
            }
        }
    }

    func testRejectsBadInput() {
        func error(_ bytes: [UInt8]) -> WKBError? {
            do {
                _ = try Geometry(wkb: bytes)
                return nil
            } catch {
                return error as? WKBError
            }
        }
        XCTAssertEqual(error(hex("0208000000")), .invalidByteOrder(2, offset: 0))
        XCTAssertEqual(error(hex("0108000000")), .unknownTypeCode(8, offset: 1))   // CIRCULARSTRING
        XCTAssertEqual(error(hex("0111000000")), .unknownTypeCode(17, offset: 1))  // TRIANGLE
        XCTAssertEqual(error(hex("01A40F0000")), .unknownTypeCode(4004, offset: 1))
        // A MULTIPOLYGON holding a LINESTRING.
        XCTAssertEqual(error(hex("010600000001000000" + "010200000000000000")),
                       .unexpectedMemberType(expected: "POLYGON", found: "LINESTRING", offset: 9))
        // A count far beyond the data is refused before allocating.
        XCTAssertEqual(error(hex("0102000000FFFFFFFF")), .truncated(offset: 9, needed: 16 * 0xFFFF_FFFF, available: 0))
        XCTAssertEqual(error(Geometry.point(c(1, 2)).wkb() + [0]), .trailingBytes(count: 1, offset: 21))
        XCTAssertTrue(WKBError.unknownTypeCode(8, offset: 1).description.contains("8"))
    }

    func testEncodingSpeedOfALargeMultiPolygon() {
        // 1 M vertices in 100 rings: encodes well under a second even in debug builds.
        let rings = (0..<100).map { r in
            LinearRing((0..<10_000).map { i in c(Double(r) + Double(i) * 1e-5, Double(i % 7) * 1e-3) })
        }
        let geometry = Geometry.multiPolygon(rings.map { Polygon(exterior: $0) })
        let start = Date()
        let bytes = geometry.wkb()
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(bytes.count, 9 + 100 * (5 + 4 + 4 + 16 * 10_000))
        XCTAssertEqual(try Geometry(wkb: bytes), geometry)
        print("WKB encode of 1 M vertices (\(bytes.count) bytes): \(String(format: "%.3f", elapsed)) s")
    }
}

/// Bytes from a hex string (whitespace ignored).
func hex(_ string: String) -> [UInt8] {
    let digits = Array(string.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// A double's little-endian bytes.
func le(_ value: Double) -> [UInt8] {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
}
