import Foundation
import GeoCore
import GeoFormats
import Geocoding
import Reference

/// The ledger's address geocoder: `Geocoding`'s town index over the Geolonia town points
/// (`../shared/points/town_points.csv.xz`, credited 「Geolonia 住所データ（CC BY 4.0）」), with the
/// names of the code changes table as aliases, so that an old name (篠山市) or a new one the
/// town points do not have yet (浜松市中央区) still finds its municipality.
public struct TownGeocoder: AddressLocating {
    private let geocoder: AddressGeocoder

    /// Reads the town points (plain CSV, or .xz through `xz -dc`) and indexes them.
    /// - Throws: `DataFileError` naming the file (and line) when it cannot be read.
    public init(townPoints url: URL, reference: ReferenceTables) throws {
        let data = try CompressedInput.contents(of: url)
        let records: [TownRecord]
        do {
            records = try TownPointsReader.parse(data, file: url.path)
        } catch let error as TownPointsFileError {
            throw DataFileError(source: error.file, line: error.line, reason: error.reason)
        }
        geocoder = AddressGeocoder(index: TownIndex(points: records, aliases: Self.aliases(reference)))
    }

    public func locate(address: String) -> AddressMatch {
        switch geocoder.geocode(address) {
        case .town(let match):
            return .town(code5: match.code5, town: match.town, point: Coordinate(x: match.longitude, y: match.latitude))
        case .municipality(let match, let note):
            return .municipality(code5: match.code5, note: note)
        case .ambiguous(let codes, let reason):
            return .ambiguous(codes: codes, reason: reason)
        case .unmatched(let reason):
            return .unmatched(reason: reason)
        }
    }

    /// Both directions of every change: the old name to the codes it became, and the new name to
    /// the codes it came from (the town points may be of either vintage).
    static func aliases(_ reference: ReferenceTables) -> [MunicipalityAlias] {
        var aliases: [MunicipalityAlias] = []
        func add(_ fullName: String, code: String) {
            guard let prefecture = reference.prefecture(code: String(code.prefix(2)))?.name, fullName.hasPrefix(prefecture) else { return }
            let name = String(fullName.dropFirst(prefecture.count))
            guard !name.isEmpty else { return }
            aliases.append(MunicipalityAlias(prefecture: prefecture, name: name, code5: code))
        }
        for change in reference.codeChanges.changes {
            for code in change.newCodes where code != change.oldCode { add(change.oldName, code: code) }
            for (code, name) in zip(change.newCodes, change.newNames) where code != change.oldCode { add(name, code: change.oldCode) }
        }
        return aliases
    }
}
