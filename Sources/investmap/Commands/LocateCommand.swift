import ArgumentParser
import Foundation
import GeoCore
import QueryOutput
import Reference
import SpatialJoin

struct LocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Find the municipality (ward), city, prefecture and bureau of a point or of every CSV row.",
        discussion: """
        With --csv, writes the CSV to standard output with the columns municipality_code, \
        city_code, prefecture_code, bureau and match appended; match is inside, unassigned \
        (所属未定地), nearest:<km> (in the sea within --max-sea-km of a unit) or none.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Longitude in degrees (east positive).")
    var lon: Double?

    @Argument(help: "Latitude in degrees.")
    var lat: Double?

    @Option(help: "A CSV file to locate row by row instead of one point.")
    var csv: String?

    @Option(help: "The longitude column of --csv (default: the first of lon, lng, longitude, x, 経度).")
    var lonColumn: String?

    @Option(help: "The latitude column of --csv (default: the first of lat, latitude, y, 緯度).")
    var latColumn: String?

    @Option(help: "Points outside every unit get the nearest one within this distance (km; 0 turns it off).")
    var maxSeaKm: Double = 5

    @Option(help: "Output for a single point: text or json.")
    var format: Format = .text

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if csv == nil {
            guard let lon, let lat else { throw ValidationError("give LON LAT, or --csv FILE") }
            try Self.checkRange(lon: lon, lat: lat)
        } else if lon != nil || lat != nil {
            throw ValidationError("give either LON LAT or --csv FILE, not both")
        }
        guard maxSeaKm >= 0, maxSeaKm <= 200 else {
            throw ValidationError("--max-sea-km must be between 0 and 200 km (got \(maxSeaKm))")
        }
    }

    static func checkRange(lon: Double, lat: Double) throws {
        guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw ValidationError("coordinates out of range: longitude \(lon) must be within ±180 and latitude \(lat) within ±90")
        }
    }

    func run() throws {
        let locator = try PointLocator(store: store.open(readOnly: true), maxSeaDistanceKm: maxSeaKm,
                                       loading: csv == nil ? .onDemand : .all)
        if let csv {
            let output = StandardOutput()
            let summary = try CSVLocationJoin(locator: locator, lonColumn: lonColumn, latColumn: latColumn)
                .run(path: csv, write: output.write)
            output.flush()
            standardError.write(summary.description)
            return
        }
        let location = try locator.locate(Coordinate(x: lon!, y: lat!))
        switch format {
        case .text: print(LocationAnswer.text(location))
        case .json: print(try LocationAnswer.json(location, lon: lon!, lat: lat!))
        }
    }
}
