import Foundation
import GeoCore
import GeoFormats
import Reference

/// `locate --csv`: every row of a CSV gets the columns municipality_code, city_code,
/// prefecture_code, bureau and match appended. Rows without usable coordinates are kept (with
/// empty answers and match "none") and counted, with their line numbers, in the summary.
public struct CSVLocationJoin {
    public static let appendedColumns = ["municipality_code", "city_code", "prefecture_code", "bureau", "match"]
    static let longitudeNames = ["lon", "lng", "longitude", "x", "経度"]
    static let latitudeNames = ["lat", "latitude", "y", "緯度"]

    public let locator: PointLocator
    public let lonColumn: String?
    public let latColumn: String?

    public init(locator: PointLocator, lonColumn: String?, latColumn: String?) {
        self.locator = locator
        self.lonColumn = lonColumn
        self.latColumn = latColumn
    }

    public struct Summary: Sendable, CustomStringConvertible {
        public var rows = 0
        public var matches: [String: Int] = [:]
        public var unusableLines: [Int] = []

        public var description: String {
            let counts = ["inside", "unassigned", "nearest", "none"].map { "\($0) \(matches[$0, default: 0])" }
            var text = "\(rows) rows located: " + counts.joined(separator: ", ")
            if !unusableLines.isEmpty {
                let shown = unusableLines.prefix(10).map(String.init).joined(separator: ", ")
                text += "\n\(unusableLines.count) rows without usable coordinates (lines \(shown)\(unusableLines.count > 10 ? ", …" : ""))"
            }
            return text
        }
    }

    /// Reads `path`, writes the joined CSV through `write`.
    /// - Throws: `DataFileError` for unreadable CSV or a missing coordinate column.
    public func run(path: String, write: (String) -> Void) throws -> Summary {
        var summary = Summary()
        var lonIndex = -1, latIndex = -1, width = 0
        try CSVReader.forEachRecord(inFile: URL(fileURLWithPath: path)) { line, fields in
            if width == 0 {
                width = fields.count
                lonIndex = try column(lonColumn, defaults: Self.longitudeNames, in: fields, path: path, what: "longitude")
                latIndex = try column(latColumn, defaults: Self.latitudeNames, in: fields, path: path, what: "latitude")
                write(CSVWriter.record(fields + Self.appendedColumns))
                return
            }
            summary.rows += 1
            var answer = ["", "", "", "", "none"]
            if let lon = Double(fields.count > lonIndex ? fields[lonIndex] : ""),
               let lat = Double(fields.count > latIndex ? fields[latIndex] : ""),
               (-180...180).contains(lon), (-90...90).contains(lat) {
                let l = try locator.locate(Coordinate(x: lon, y: lat))
                answer = [l.municipalityCode ?? "", l.cityCode ?? "", l.prefectureCode ?? "", l.bureauID ?? "", l.match.description]
            } else {
                summary.unusableLines.append(line)
            }
            let kind = answer[4].hasPrefix("nearest") ? "nearest" : answer[4]
            summary.matches[kind, default: 0] += 1
            write(CSVWriter.record(fields + answer))
        }
        return summary
    }

    private func column(_ requested: String?, defaults: [String], in header: [String], path: String, what: String) throws -> Int {
        if let requested {
            guard let i = header.firstIndex(of: requested) else {
                throw DataFileError(source: path, line: 1, reason: "no column \(requested) (columns: \(header.joined(separator: ",")))")
            }
            return i
        }
        let lowered = header.map { $0.lowercased() }
        for name in defaults {
            if let i = lowered.firstIndex(of: name) { return i }
        }
        throw DataFileError(source: path, line: 1,
                            reason: "no \(what) column (looked for \(defaults.joined(separator: ", ")); name it with --\(what == "longitude" ? "lon" : "lat")-column)")
    }
}
