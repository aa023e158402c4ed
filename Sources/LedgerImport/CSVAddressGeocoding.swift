import Foundation
import GeoFormats

/// `geocode --csv FILE --address-column 所在地`: every row of any CSV gets the columns the ledger
/// import gives a row located by its address appended — location_precision (`address` when the
/// town was found, `municipality` when only the municipality was, empty when neither), code,
/// town, lon, lat (the town's point; empty at municipality precision, since a representative
/// point needs the boundaries) and note (why a row is less exact or not located). Rows are kept
/// in order, none dropped.
public struct CSVAddressGeocoding {
    public static let appendedColumns = ["location_precision", "code", "town", "lon", "lat", "note"]

    public let geocoder: any AddressLocating
    public let addressColumn: String

    public init(geocoder: any AddressLocating, addressColumn: String) {
        self.geocoder = geocoder
        self.addressColumn = addressColumn
    }

    /// How the rows were located.
    public struct Summary: Sendable, CustomStringConvertible {
        public var rows = 0
        public var towns = 0
        public var municipalities = 0
        public var ambiguous = 0
        public var unmatched = 0

        public var description: String {
            "\(rows) rows: \(towns) to their town, \(municipalities) to their municipality only, \(ambiguous) ambiguous, \(unmatched) not located"
        }
    }

    /// Reads the CSV at `url`, writes it with the appended columns through `write`.
    /// - Throws: `DataFileError` for unreadable CSV, or a header without the address column
    ///   (the headers found are listed).
    public func run(_ url: URL, displayName: String, write: (String) throws -> Void) throws -> Summary {
        var summary = Summary()
        var addressIndex: Int?
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            guard let index = addressIndex else {
                guard let found = fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == addressColumn }) else {
                    throw DataFileError(source: displayName, line: line,
                                        reason: "no column '\(addressColumn)' (headers: \(fields.joined(separator: ", "))); name it with --address-column")
                }
                addressIndex = found
                try write(CSVWriter.record(fields + Self.appendedColumns))
                return
            }
            summary.rows += 1
            let address = index < fields.count ? fields[index].trimmingCharacters(in: .whitespaces) : ""
            var answer = ["", "", "", "", "", ""]
            if address.isEmpty {
                answer[5] = "no address"
                summary.unmatched += 1
            } else {
                switch geocoder.locate(address: address) {
                case .town(let code, let town, let point):
                    answer = ["address", code, town, Self.degrees(point.x), Self.degrees(point.y), ""]
                    summary.towns += 1
                case .municipality(let code, let note):
                    answer = ["municipality", code, "", "", "", note]
                    summary.municipalities += 1
                case .ambiguous(let codes, let reason):
                    answer[5] = "ambiguous: \(reason) (candidates \(codes.joined(separator: " ")))"
                    summary.ambiguous += 1
                case .unmatched(let reason):
                    answer[5] = reason
                    summary.unmatched += 1
                }
            }
            try write(CSVWriter.record(fields + answer))
        }
        return summary
    }

    static func degrees(_ value: Double) -> String { String(format: "%.6f", value) }
}
