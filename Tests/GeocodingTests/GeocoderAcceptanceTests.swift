import Foundation
import Geocoding
import TestSupport
import XCTest

/// The acceptance test of the geocoder: 10,000 addresses written from the town points (a seeded
/// sample of the rows with a point), each with one to three `AddressVariant`s, must be located
/// to the right town (≥ 99 %) and municipality (≥ 99.9 %), and none to a wrong municipality.
/// Also prints the speed: building the index, and geocoding 100,000 addresses.
final class GeocoderAcceptanceTests: XCTestCase {
    /// The town points (from INVESTMAP_TOWN_POINTS, else the shared folder), indexed once.
    private static let townPoints = TestFixture("town-points") { _ -> (points: [TownRecord], geocoder: AddressGeocoder) in
        let file = try TestData.sharedFile("points/town_points.csv.xz", environmentKey: "INVESTMAP_TOWN_POINTS")
        let readStart = Date()
        let points = try TownPointsReader.read(contentsOf: file)
        let buildStart = Date()
        let index = TownIndex(points: points)
        let end = Date()
        ReportPrinter.print(String(format: "town points: %d rows read in %.2f s, indexed in %.2f s (%d municipalities, %d towns)",
                     points.count, buildStart.timeIntervalSince(readStart), end.timeIntervalSince(buildStart),
                     index.municipalityCount, index.townCount))
        return (points, AddressGeocoder(index: index))
    }

    func testLocatesWrittenAddresses() throws {
        let (points, geocoder) = try Self.townPoints.value()
        let addresses = Self.addresses(count: 10_000, from: points, seed: 20_240_601) { _ in true }
        var tally = AcceptanceTally(points: points)
        for address in addresses { tally.add(address, geocoder.geocode(address.text)) }
        ReportPrinter.print(tally.report())
        let total = Double(addresses.count)
        XCTAssertGreaterThanOrEqual(Double(tally.rightTown) / total, 0.99, "right town")
        XCTAssertGreaterThanOrEqual(Double(tally.rightMunicipality) / total, 0.999, "right municipality")
        XCTAssertEqual(tally.wrongMunicipality, 0, "located in a wrong municipality")
    }

    /// Designated cities written without their ward (札幌市旭ケ丘): the town tells the ward, unless
    /// several wards have it (then ambiguous, never a wrong ward).
    func testCityWithoutWard() throws {
        let (points, geocoder) = try Self.townPoints.value()
        // In the town points, every "…市…区" is a designated city's ward.
        let addresses = Self.addresses(count: 3_000, from: points, seed: 11, required: .cityWithoutWard) { row in
            row.city.hasSuffix("区") && row.city.dropLast().contains("市")
        }
        var tally = AcceptanceTally(points: points)
        for address in addresses { tally.add(address, geocoder.geocode(address.text)) }
        ReportPrinter.print("city without its ward:\n" + tally.report())
        XCTAssertEqual(tally.wrongMunicipality, 0, "located in a wrong municipality")
        XCTAssertGreaterThanOrEqual(Double(tally.rightTown) / Double(addresses.count), 0.9, "right town")
    }

    /// A town that no municipality has, after each municipality of a seeded sample: the
    /// municipality, with a note naming it and quoting the rest.
    func testUnknownTownGivesTheMunicipality() throws {
        let (points, geocoder) = try Self.townPoints.value()
        var firstRowOfCode: [String: TownRecord] = [:]
        for point in points where firstRowOfCode[point.code5] == nil { firstRowOfCode[point.code5] = point }
        var generator = SplitMix64(seed: 99)
        let sample = firstRowOfCode.keys.sorted().filter { _ in generator.uniform(0, 1) < 0.25 }
        for code5 in sample {
            let row = firstRowOfCode[code5]!
            let address = "\(row.prefecture)\(row.city)存在しない町1-2"
            XCTAssertEqual(geocoder.geocode(address), .municipality(
                MunicipalityMatch(code5: code5, prefecture: row.prefecture, city: row.city),
                note: "town not found in \(row.city): '存在しない町1-2'"), address)
        }
    }

    /// Prints how long 100,000 addresses take (the index is built once, before; the figure is
    /// printed, not asserted).
    func testSpeed() throws {
        let (points, geocoder) = try Self.townPoints.value()
        let addresses = Self.addresses(count: 100_000, from: points, seed: 7) { _ in true }.map(\.text)
        let start = Date()
        var located = 0
        for address in addresses {
            if case .town = geocoder.geocode(address) { located += 1 }
        }
        ReportPrinter.print(String(format: "geocoded %d addresses in %.2f s (%d to a town)", addresses.count, Date().timeIntervalSince(start), located))
    }

    /// `count` addresses written (with the issue's variants, and `required`) from distinct rows
    /// with a point that `include` accepts, chosen with `seed`.
    private static func addresses(count: Int, from points: [TownRecord], seed: UInt64, required: AddressVariant? = nil,
                                  where include: (TownRecord) -> Bool) -> [WrittenAddress] {
        var generator = SplitMix64(seed: seed)
        var rows = points.indices.filter { points[$0].latitude != nil && include(points[$0]) }
        var addresses: [WrittenAddress] = []
        for taken in 0..<min(count, rows.count) {
            rows.swapAt(taken, taken + Int(generator.next() % UInt64(rows.count - taken)))
            addresses.append(WrittenAddress.make(from: points[rows[taken]], variants: AddressVariant.issueVariants,
                                                 required: required, using: &generator))
        }
        return addresses
    }
}
