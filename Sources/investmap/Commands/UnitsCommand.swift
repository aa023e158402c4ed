import ArgumentParser
import BoundaryStore
import GeoFormats
import QueryOutput
import Reference

struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "List the units of one level of the store."
    )

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case ward, municipality, designatedCity = "designated-city", prefecture, bureau, unassigned

        var unitLevel: UnitLevel {
            switch self {
            case .ward: .ward
            case .municipality: .municipality
            case .designatedCity: .designatedCity
            case .prefecture: .prefecture
            case .bureau: .bureau
            case .unassigned: .unassigned
            }
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Option(help: "ward (the N03 unit), municipality, designated-city, prefecture, bureau or unassigned.")
    var level: Level

    @Option(help: "csv or json.")
    var format: Format = .csv

    @OptionGroup var store: StoreOptions

    struct Row: Encodable {
        var code: String?
        var name: String
        var level: String
        var prefecture_code: String?
        var prefecture_name: String?
        var city_code: String?
        var bureau: String?
        var population: Double?
        var households: Double?
        var parts: Int
        var edition: String
        /// The coarser coverage the geometry was filled from (all or some of it), else nil.
        var fill_source: String?
        var fill_edition: String?
    }

    func run() throws {
        let units = try store.open(readOnly: true).units(level.unitLevel, withGeometry: false)
        let rows = units.map {
            Row(code: $0.code, name: $0.name, level: $0.level.rawValue, prefecture_code: $0.prefectureCode,
                prefecture_name: $0.prefectureName, city_code: $0.cityCode, bureau: $0.bureauID,
                population: $0.population, households: $0.households, parts: $0.sourceParts, edition: $0.edition,
                fill_source: $0.fillSource, fill_edition: $0.fillEdition)
        }
        standardError.write(Self.countLine(units, level: level.unitLevel))
        switch format {
        case .json:
            print(try PrettyJSON.string(rows))
        case .csv:
            let output = StandardOutput()
            output.write(CSVWriter.record(["code", "name", "level", "prefecture_code", "prefecture_name", "city_code",
                                           "bureau", "population", "households", "parts", "edition",
                                           "fill_source", "fill_edition"]))
            for r in rows {
                output.write(CSVWriter.record([
                    r.code ?? "", r.name, r.level, r.prefecture_code ?? "", r.prefecture_name ?? "", r.city_code ?? "",
                    r.bureau ?? "", Self.number(r.population), Self.number(r.households), String(r.parts), r.edition,
                    r.fill_source ?? "", r.fill_edition ?? "",
                ]))
            }
            output.flush()
        }
    }

    /// "1902 units at level ward, 20 of them filled from N03-21_210101_s0010.topojson (coarser)",
    /// on standard error: how many, and how many are not the store's own full-resolution files.
    static func countLine(_ units: [UnitRecord], level: UnitLevel) -> String {
        var line = "\(units.count) units at level \(level.rawValue)"
        let filled = units.filter { $0.fillSource != nil }
        if !filled.isEmpty {
            let sources = Set(filled.flatMap(\.fillSources)).sorted()
            line += ", \(filled.count) of them \(level == .ward || level == .municipality ? "" : "partly ")filled from "
                + sources.joined(separator: ", ") + " (coarser; columns fill_source, fill_edition)"
        }
        return line
    }

    /// Census counts are whole numbers except a few prorated rows; print integers as integers.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
