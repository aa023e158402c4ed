import Foundation
import GeoFormats

/// 2020 census population and households by municipality code, read from the shared
/// `reference/population_2020_census.csv` (columns code5, code6, pref_code, pref_name, name, level,
/// parent_code5, population_2020, households_2020, derived). Figures are `Double` because a few
/// rows are prorated (浜松市 in its 2024 ward layout) and not whole numbers.
public struct CensusPopulation: Sendable {
    /// Path of the table inside the shared folder.
    public static let sharedRelativePath = "reference/population_2020_census.csv"

    /// What a row counts.
    public enum Level: String, Sendable, Hashable, CaseIterable {
        case prefecture
        /// A designated city, as the sum of its wards.
        case designatedCity = "designated_city"
        case designatedCityWard = "designated_city_ward"
        /// One of Tokyo's 23 special wards (a municipality in its own right).
        case specialWard = "special_ward"
        case municipality
    }

    /// One row of the table.
    public struct Entry: Hashable, Sendable {
        public let code5: String
        public let name: String
        public let level: Level
        /// The designated city of a ward, nil otherwise.
        public let parentCode5: String?
        public let prefectureCode: String
        public let population: Double
        public let households: Double
        /// How the figure was obtained upstream: "no" (as published), "sum_of_wards",
        /// "sum_of_municipalities", or "prorated(…)".
        public let derivation: String
    }

    /// All rows, in file order.
    public let entries: [Entry]
    private let indexByCode5: [String: Int]

    /// The row for `code5`, or nil (e.g. the 北方領土 villages, which have no population rows).
    public subscript(code5: String) -> Entry? {
        indexByCode5[code5].map { entries[$0] }
    }

    /// The number of rows.
    public var count: Int { entries.count }

    /// The ward rows whose designated city is `cityCode5`, in file order.
    public func wards(ofCity cityCode5: String) -> [Entry] {
        entries.filter { $0.parentCode5 == cityCode5 }
    }

    /// Reads the table.
    /// - Throws: `DataFileError` naming the line: missing column, malformed code, wrong check digit,
    ///   unknown level, figure that is not a non-negative number, or duplicate code.
    public static func load(from url: URL) throws -> CensusPopulation {
        let source = url.lastPathComponent
        let required = ["code5", "code6", "pref_code", "name", "level", "parent_code5",
                        "population_2020", "households_2020", "derived"]
        var columns: CSVColumns?
        var entries: [Entry] = []
        var indexByCode5: [String: Int] = [:]
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            guard let columns else {
                columns = try CSVColumns(header: fields, required: required, sourceName: source)
                return
            }
            func value(_ name: String) throws -> String { try columns.value(name, in: fields, line: line) }
            func fail(_ reason: String) -> DataFileError { DataFileError(source: source, line: line, reason: reason) }

            let code5 = try value("code5")
            let code6 = try value("code6")
            do {
                let parsed = try MunicipalityCode(code5)
                guard code5.utf8.count == 5 else { throw fail("code5 \"\(code5)\" is not 5 digits") }
                if !code6.isEmpty, try MunicipalityCode(code6) != parsed {
                    throw fail("code6 \(code6) is not the 6-digit form of \(code5)")
                }
            } catch let error as MunicipalityCodeError {
                throw fail(error.description)
            }
            guard let level = Level(rawValue: try value("level")) else {
                throw fail("unknown level \"\(try value("level"))\"")
            }
            func figure(_ name: String) throws -> Double {
                let text = try value(name)
                guard let number = Double(text), number.isFinite, number >= 0 else {
                    throw fail("\(name) \"\(text)\" is not a non-negative number")
                }
                return number
            }
            let parent = try value("parent_code5")
            let entry = Entry(
                code5: code5, name: try value("name"), level: level,
                parentCode5: parent.isEmpty ? nil : parent, prefectureCode: try value("pref_code"),
                population: try figure("population_2020"), households: try figure("households_2020"),
                derivation: try value("derived"))
            guard indexByCode5.updateValue(entries.count, forKey: code5) == nil else {
                throw fail("code5 \(code5) appears twice")
            }
            entries.append(entry)
        }
        if columns == nil {
            throw DataFileError(source: source, line: nil, reason: "file is empty (no header)")
        }
        return CensusPopulation(entries: entries, indexByCode5: indexByCode5)
    }

    /// The census table in the shared folder (see `SharedFolder.locate`), or nil when absent.
    public static func locate(
        geoDataDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        SharedFolder.file(sharedRelativePath, geoDataDirectory: geoDataDirectory, environment: environment)
    }
}
