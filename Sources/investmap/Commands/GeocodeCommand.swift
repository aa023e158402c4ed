import ArgumentParser
import Foundation
import GeoFormats
import LedgerImport
import Reference

/// `investmap geocode --csv FILE --address-column 所在地`: any CSV's addresses located to their
/// town (町丁目/大字) or municipality, as the ledger import locates them.
struct GeocodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geocode",
        abstract: "Locate the addresses of a CSV to their town (町丁目/大字) or municipality.",
        discussion: """
        Appends location_precision (address | municipality | empty), code, town, lon, lat (the town's \
        point) and note to every row, in order. Addresses are read as the ledger import reads them: \
        full-width or half-width digits, 丁目 in kanji or numerals or as 3-, ヶ/ケ/が, 大字・字, 郡 or the \
        prefecture left out, house numbers and building names ignored. Town points: Geolonia 住所データ（CC BY 4.0）.
        """
    )

    @Option(help: "The CSV file (UTF-8).")
    var csv: String

    @Option(help: "The column holding the address.")
    var addressColumn = "所在地"

    @OptionGroup var townPoints: TownPointsOptions

    @OptionGroup var export: ExportOptions

    func validate() throws {
        try export.check(.csv, allowed: [.csv])
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: csv) else { throw CLIError("\(csv): no such file") }
        let geocoder = try townPoints.geocoder(reference: try ReferenceTables.loadFromDefaultLocation())
        var text = ""
        let summary = try CSVAddressGeocoding(geocoder: geocoder, addressColumn: addressColumn)
            .run(URL(fileURLWithPath: csv), displayName: csv) { text += $0 }
        try export.writeCSV(text)
        standardError.write("\(csv): \(summary). Town points: Geolonia 住所データ（CC BY 4.0）")
    }
}
