import Foundation
import GeoFormats

/// The layout of a ledger input file: CSV with its delimiter, GeoJSON, or an Excel workbook.
/// Told by the extension (.csv, .tsv/.tab, .geojson/.json, .xlsx/.xlsm), else by the content: a
/// zip or an OLE compound file (an encrypted workbook, an old .xls) is a workbook, text starting
/// with `{` is GeoJSON, anything else CSV, tab-separated when its first line has tabs and no commas.
enum LedgerFileFormat: Equatable, Sendable {
    case csv(delimiter: UInt8)
    case geoJSON
    case xlsx

    static let comma = UInt8(ascii: ",")
    static let tab = UInt8(ascii: "\t")

    /// The format of `url`, looking at its first bytes when the extension does not say.
    /// - Throws: `DataFileError` when the file cannot be read.
    static func of(_ url: URL, displayName: String) throws -> LedgerFileFormat {
        switch url.pathExtension.lowercased() {
        case "csv": return .csv(delimiter: comma)
        case "tsv", "tab": return .csv(delimiter: tab)
        case "geojson", "json": return .geoJSON
        case "xlsx", "xlsm", "xls": return .xlsx
        default: break
        }
        let head = try LedgerFileBytes.read(url, displayName: displayName, limit: 64 * 1024)
        return of(content: head)
    }

    /// The format of a file that starts with `head`.
    static func of(content head: [UInt8]) -> LedgerFileFormat {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return .xlsx
        }
        var start = head.startIndex
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let body = head[start...]
        if body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            return .geoJSON
        }
        let firstLine = body.prefix { $0 != 0x0A && $0 != 0x0D }
        if firstLine.contains(tab) && !firstLine.contains(comma) {
            return .csv(delimiter: tab)
        }
        return .csv(delimiter: comma)
    }
}
