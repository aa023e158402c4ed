import ArgumentParser
import Foundation
import LedgerImport
import Reference

/// `--town-points`: the Geolonia town points addresses are geocoded with.
struct TownPointsOptions: ParsableArguments {
    static let defaultFile = "points/town_points.csv.xz"

    @Option(name: .customLong("town-points"), help: ArgumentHelp("Town points to geocode addresses with (code5,pref,city,town,koaza,lat,lng; .xz is decompressed). Default: points/town_points.csv.xz in the shared folder.", valueName: "file"))
    var townPoints: String?

    /// The geocoder over --town-points, else the shared folder's town points.
    func geocoder(reference: ReferenceTables) throws -> TownGeocoder {
        let url: URL
        if let townPoints {
            url = URL(fileURLWithPath: townPoints)
        } else {
            do {
                url = try SharedFolder.require(Self.defaultFile, what: "town points", option: "--town-points FILE")
            } catch { throw CLIError("addresses need town points: \(error)") }
        }
        return try TownGeocoder(townPoints: url, reference: reference)
    }
}
