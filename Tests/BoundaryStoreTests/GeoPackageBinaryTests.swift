import BoundaryStore
import GeoCore
import XCTest

final class GeoPackageBinaryTests: XCTestCase {
    private let triangle = Geometry.multiPolygon([Polygon(exterior: LinearRing([
        Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 0),
    ]))])

    func testHeaderLayoutMatchesGDAL() throws {
        // What GDAL 3.6 writes for MULTIPOLYGON(((0 0,1 0,1 1,0 0))) in EPSG:4326.
        let gdal = hex("""
            47500003E6100000\
            0000000000000000000000000000F03F0000000000000000000000000000F03F\
            0106000000010000000103000000010000000400000000000000000000000000000000000000000000000000F03F\
            0000000000000000000000000000F03F000000000000F03F00000000000000000000000000000000
            """)
        XCTAssertEqual(GeoPackageBinary.encode(triangle), gdal)
        XCTAssertEqual(try GeoPackageBinary.decode(gdal).geometry, triangle)
        XCTAssertEqual(try GeoPackageBinary.decode(gdal).srsID, 4326)
    }

    func testHeaderFields() throws {
        let geometry = Geometry.multiPolygon([Polygon(exterior: StoreFixtures.square(x: 139.5, y: 35.25, size: 0.5))])
        let blob = GeoPackageBinary.encode(geometry)
        XCTAssertEqual(Array(blob[0..<8]), [0x47, 0x50, 0x00, 0b0000_0011, 0xE6, 0x10, 0x00, 0x00])
        // Envelope order is minx, maxx, miny, maxy.
        let envelope = (0..<4).map { i in
            blob.withUnsafeBytes { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8 + 8 * i, as: UInt64.self))) }
        }
        XCTAssertEqual(envelope, [139.5, 140.0, 35.25, 35.75])
        XCTAssertEqual(Array(blob[40...]), geometry.wkb())
        let header = try blob.withUnsafeBytes { try GeoPackageBinary.header(of: $0) }
        XCTAssertFalse(header.isEmpty)
        XCTAssertEqual(header.srsID, 4326)
        XCTAssertEqual(header.envelope, BoundingBox(minX: 139.5, minY: 35.25, maxX: 140, maxY: 35.75))
        XCTAssertEqual(header.wkbOffset, 40)
    }

    func testEmptyGeometryHasEmptyFlagAndNoEnvelope() throws {
        let blob = GeoPackageBinary.encode(.multiPolygon([]))
        XCTAssertEqual(blob, hex("47500011E6100000" + "010600000000000000"))
        let header = try blob.withUnsafeBytes { try GeoPackageBinary.header(of: $0) }
        XCTAssertTrue(header.isEmpty)
        XCTAssertNil(header.envelope)
        XCTAssertTrue(try blob.withUnsafeBytes { try GeoPackageBinary.isEmpty($0) })
        XCTAssertNil(try blob.withUnsafeBytes { try GeoPackageBinary.envelope(of: $0) })
    }

    func testBigEndianHeaderWithoutEnvelope() throws {
        // Flags 0: big-endian header, no envelope; srs_id 4326 big endian; WKB little endian.
        let blob = hex("47500000000010E6") + triangle.wkb()
        let header = try blob.withUnsafeBytes { try GeoPackageBinary.header(of: $0) }
        XCTAssertEqual(header.srsID, 4326)
        XCTAssertNil(header.envelope)
        XCTAssertEqual(try GeoPackageBinary.decode(blob).geometry, triangle)
        // Without an envelope in the header it is computed from the WKB.
        XCTAssertEqual(try blob.withUnsafeBytes { try GeoPackageBinary.envelope(of: $0) },
                       BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1))
    }

    func testRejectsMalformedHeaders() {
        let good = GeoPackageBinary.encode(triangle)
        var badMagic = good
        badMagic[0] = 0x58
        var badVersion = good
        badVersion[2] = 1
        var extended = good
        extended[3] |= 0b0010_0000
        var badEnvelope = good
        badEnvelope[3] = 0b0000_1011  // indicator 5
        for (name, blob) in [("magic", badMagic), ("version", badVersion), ("extended", extended),
                             ("envelope", badEnvelope), ("short", Array(good[0..<20])), ("tiny", [0x47, 0x50])] {
            XCTAssertThrowsError(try GeoPackageBinary.decode(blob), name)
        }
    }
}
