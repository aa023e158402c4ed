import Foundation
import GeoFormats

/// The project's own reference tables, read from the GeoData folder: prefectures, METI bureau
/// blocks, designated cities with their ward ranges, the strategic fields, the plan types and
/// the changes of municipal codes, the support programmes and their map categories.
/// Loading validates the cross-references (every prefecture's bureau exists, ward ranges do not
/// overlap, …), so the lookups below can be trusted.
public struct ReferenceTables: Sendable {
    /// File names inside the GeoData folder.
    public static let prefecturesFile = "prefectures.csv"
    public static let bureausFile = "bureaus.csv"
    public static let designatedCitiesFile = "designated_cities.csv"
    public static let strategicFieldsFile = "strategic_fields.csv"
    public static let planTypesFile = "plan_types.csv"
    public static let programmesFile = "programmes.csv"
    public static let programmeCategoriesFile = "programme_categories.csv"

    /// The 47 prefectures, by code.
    public let prefectures: [Prefecture]
    /// The bureau blocks, in file order (north to south).
    public let bureaus: [Bureau]
    /// The designated cities, by code.
    public let designatedCities: [DesignatedCity]
    /// The strategic fields, by `order`.
    public let strategicFields: [StrategicField]
    /// The plan types, by id.
    public let planTypes: [PlanType]
    /// The changes of municipal codes since 2015 (`code_changes.csv`).
    public let codeChanges: CodeChanges
    /// The support programmes whose adopted cases the ledger holds, by id.
    public let programmes: [SupportProgramme]
    /// The map's programme categories, by `order`.
    public let programmeCategories: [ProgrammeCategory]
    private let programmeByID: [String: SupportProgramme]
    private let categoryByID: [String: ProgrammeCategory]

    private let prefectureByCode: [String: Prefecture]
    private let prefectureByName: [String: Prefecture]
    private let bureauByID: [String: Bureau]
    private let cityByCode: [String: DesignatedCity]
    /// Every integer in every ward range → index in `designatedCities`; the ranges are small
    /// (under 30 codes each), and this makes `cityCode(for:)` one hash lookup per call.
    private let cityIndexByWardCode: [Int: Int]

    /// Reads and cross-checks the eight tables in `directory`.
    /// - Throws: `DataFileError` naming the file and line of the first problem: a missing file or
    ///   column, a malformed code, a duplicate, a reference to an unknown bureau or prefecture,
    ///   or overlapping ward ranges.
    public static func load(from directory: URL) throws -> ReferenceTables {
        let bureaus = try readTable(directory, bureausFile, columns: ["id", "name", "name_en"]).map { _, values in
            Bureau(id: values[0], name: values[1], nameEn: values[2])
        }
        let prefectures = try readTable(directory, prefecturesFile, columns: ["code", "name", "name_romaji", "bureau_id"])
            .map { line, values in
                guard values[0].utf8.count == 2, Int(values[0]).map({ (1...99).contains($0) }) == true else {
                    throw DataFileError(source: prefecturesFile, line: line, reason: "code \"\(values[0])\" is not a 2-digit prefecture code")
                }
                guard bureaus.contains(where: { $0.id == values[3] }) else {
                    throw DataFileError(source: prefecturesFile, line: line, reason: "bureau_id \"\(values[3])\" is not in \(bureausFile)")
                }
                return Prefecture(code: values[0], name: values[1], romaji: values[2], bureauID: values[3])
            }
        let prefectureCodes = Set(prefectures.map(\.code))
        let cities = try readTable(
            directory, designatedCitiesFile,
            columns: ["code5", "name", "prefecture_code", "first_ward_code", "last_ward_code"]
        ).map { line, values in
            func code(_ text: String, _ column: String) throws -> MunicipalityCode {
                do {
                    let code = try MunicipalityCode(text)
                    guard text.utf8.count == 5 else { throw MunicipalityCodeError.malformed(text) }
                    return code
                } catch {
                    throw DataFileError(source: designatedCitiesFile, line: line, reason: "\(column): \(error)")
                }
            }
            let city = try code(values[0], "code5")
            let first = try code(values[3], "first_ward_code")
            let last = try code(values[4], "last_ward_code")
            guard prefectureCodes.contains(values[2]), city.prefectureCode == values[2] else {
                throw DataFileError(source: designatedCitiesFile, line: line, reason: "prefecture_code \"\(values[2])\" is not the prefecture of \(city)")
            }
            guard first <= last, first.prefectureCode == values[2], last.prefectureCode == values[2] else {
                throw DataFileError(source: designatedCitiesFile, line: line, reason: "ward range \(first)–\(last) is not a range inside prefecture \(values[2])")
            }
            let wards = first.integerValue...last.integerValue
            guard !wards.contains(city.integerValue) else {
                throw DataFileError(source: designatedCitiesFile, line: line, reason: "ward range \(first)–\(last) contains the city code itself")
            }
            return DesignatedCity(code5: city.code5, name: values[1], prefectureCode: values[2], wardCodes: wards)
        }
        let fields = try readTable(directory, strategicFieldsFile, columns: ["id", "name", "order"]).map { line, values in
            guard let order = Int(values[2]) else {
                throw DataFileError(source: strategicFieldsFile, line: line, reason: "order \"\(values[2])\" is not an integer")
            }
            return StrategicField(id: values[0], name: values[1], order: order)
        }
        let plans = try readTable(directory, planTypesFile, columns: ["id", "name", "name_en", "led_by"]).map { _, values in
            PlanType(id: values[0], name: values[1], nameEn: values[2], ledBy: values[3])
        }
        let codeChanges = try CodeChanges.load(rows: try readTable(directory, CodeChanges.file, columns: CodeChanges.columns),
                                               prefectureCodes: prefectureCodes)
        let categories = try readTable(directory, programmeCategoriesFile, columns: ["id", "name", "colour", "order"]).map { line, values in
            guard let order = Int(values[3]) else {
                throw DataFileError(source: programmeCategoriesFile, line: line, reason: "order \"\(values[3])\" is not an integer")
            }
            guard values[2].utf8.count == 7, values[2].hasPrefix("#"), values[2].dropFirst().allSatisfy(\.isHexDigit) else {
                throw DataFileError(source: programmeCategoriesFile, line: line, reason: "colour \"\(values[2])\" is not #rrggbb")
            }
            return ProgrammeCategory(id: values[0], name: values[1], colour: values[2], order: order)
        }
        let categoryIDs = Set(categories.map(\.id))
        let programmes = try readTable(directory, programmesFile, columns: ["id", "name", "ministry", "category", "budget_years"])
            .map { line, values in
                guard categoryIDs.contains(values[3]) else {
                    throw DataFileError(source: programmesFile, line: line, reason: "category \"\(values[3])\" is not in \(programmeCategoriesFile)")
                }
                let budgets = try values[4].split(separator: ";").map { text in
                    guard let budget = Budget(id: String(text)) else {
                        throw DataFileError(source: programmesFile, line: line,
                                            reason: "budget_years: \"\(text)\" is not a budget (FY2023-supplementary, FY2025-initial)")
                    }
                    return budget
                }
                return SupportProgramme(id: values[0], name: values[1], ministry: values[2], category: values[3], budgets: budgets.sorted())
            }
        return try ReferenceTables(
            prefectures: prefectures, bureaus: bureaus, designatedCities: cities,
            strategicFields: fields, planTypes: plans, codeChanges: codeChanges,
            programmes: programmes, programmeCategories: categories)
    }

    /// Builds tables from values (tests, or tables assembled in code), with the same uniqueness
    /// and overlap checks as `load(from:)`.
    /// - Throws: `DataFileError` naming the table and the duplicate or overlap.
    public init(
        prefectures: [Prefecture], bureaus: [Bureau], designatedCities: [DesignatedCity],
        strategicFields: [StrategicField], planTypes: [PlanType], codeChanges: CodeChanges = .none,
        programmes: [SupportProgramme] = [], programmeCategories: [ProgrammeCategory] = []
    ) throws {
        func unique<T>(_ items: [T], _ file: String, _ what: String, _ key: (T) -> String) throws -> [String: T] {
            var byKey: [String: T] = [:]
            for item in items {
                guard byKey.updateValue(item, forKey: key(item)) == nil else {
                    throw DataFileError(source: file, line: nil, reason: "\(what) \"\(key(item))\" appears twice")
                }
            }
            return byKey
        }
        bureauByID = try unique(bureaus, Self.bureausFile, "id") { $0.id }
        prefectureByCode = try unique(prefectures, Self.prefecturesFile, "code") { $0.code }
        prefectureByName = try unique(prefectures, Self.prefecturesFile, "name") { $0.name }
        cityByCode = try unique(designatedCities, Self.designatedCitiesFile, "code5") { $0.code5 }
        _ = try unique(strategicFields, Self.strategicFieldsFile, "id") { $0.id }
        _ = try unique(strategicFields, Self.strategicFieldsFile, "order") { String($0.order) }
        _ = try unique(planTypes, Self.planTypesFile, "id") { $0.id }
        programmeByID = try unique(programmes, Self.programmesFile, "id") { $0.id }
        categoryByID = try unique(programmeCategories, Self.programmeCategoriesFile, "id") { $0.id }
        _ = try unique(programmeCategories, Self.programmeCategoriesFile, "order") { String($0.order) }
        for programme in programmes where categoryByID[programme.category] == nil {
            throw DataFileError(source: Self.programmesFile, line: nil, reason: "category \"\(programme.category)\" of \(programme.id) is not in \(Self.programmeCategoriesFile)")
        }
        for prefecture in prefectures where bureauByID[prefecture.bureauID] == nil {
            throw DataFileError(source: Self.prefecturesFile, line: nil, reason: "bureau_id \"\(prefecture.bureauID)\" of \(prefecture.name) is not in \(Self.bureausFile)")
        }

        let cities = designatedCities.sorted { $0.code5 < $1.code5 }
        var cityIndexByWardCode: [Int: Int] = [:]
        for (index, city) in cities.enumerated() {
            for ward in city.wardCodes {
                if let other = cityIndexByWardCode.updateValue(index, forKey: ward) {
                    throw DataFileError(source: Self.designatedCitiesFile, line: nil, reason: "ward ranges of \(cities[other].name) and \(city.name) overlap at \(ward)")
                }
            }
        }
        for city in cities {
            if let index = cityIndexByWardCode[Int(city.code5) ?? -1] {
                throw DataFileError(source: Self.designatedCitiesFile, line: nil, reason: "\(city.name) \(city.code5) lies in the ward range of \(cities[index].name)")
            }
        }

        self.prefectures = prefectures.sorted { $0.code < $1.code }
        self.bureaus = bureaus
        self.designatedCities = cities
        self.strategicFields = strategicFields.sorted { $0.order < $1.order }
        self.planTypes = planTypes.sorted { $0.id < $1.id }
        self.cityIndexByWardCode = cityIndexByWardCode
        self.codeChanges = codeChanges
        self.programmes = programmes.sorted { $0.id < $1.id }
        self.programmeCategories = programmeCategories.sorted { $0.order < $1.order }
    }

    /// Finds the GeoData folder and loads it; see `locateGeoData()`.
    /// - Throws: `GeoDataNotFoundError` or `DataFileError`.
    public static func loadFromDefaultLocation() throws -> ReferenceTables {
        try load(from: locateGeoData())
    }

    // MARK: Lookups

    /// The prefecture with 2-digit `code` ("13"), or nil.
    public func prefecture(code: String) -> Prefecture? { prefectureByCode[code] }

    /// The prefecture named exactly `name` (東京都, 北海道, 京都府 …), or nil.
    public func prefecture(named name: String) -> Prefecture? { prefectureByName[name] }

    /// The bureau with `id` ("kanto"), or nil.
    public func bureau(id: String) -> Bureau? { bureauByID[id] }

    /// The bureau whose block contains the prefecture with 2-digit `code`, or nil for an unknown code.
    public func bureau(forPrefecture code: String) -> Bureau? {
        prefectureByCode[code].flatMap { bureauByID[$0.bureauID] }
    }

    /// The prefectures in the block of bureau `id`, by code.
    public func prefectures(inBureau id: String) -> [Prefecture] {
        prefectures.filter { $0.bureauID == id }
    }

    /// The support programme with `id`, or nil.
    public func programme(id: String) -> SupportProgramme? { programmeByID[id] }

    /// The programme category with `id`, or nil.
    public func programmeCategory(id: String) -> ProgrammeCategory? { categoryByID[id] }

    /// The ids of the programmes drawn in category `id`, sorted.
    public func programmes(inCategory id: String) -> [String] {
        programmes.filter { $0.category == id }.map(\.id)
    }

    /// The designated city with its own 5-digit `code5` ("23100"), or nil.
    public func designatedCity(code5: String) -> DesignatedCity? { cityByCode[code5] }

    /// The designated city whose ward range contains `code5` ("23101" → 名古屋市), or nil when
    /// `code5` is not a ward code (the city's own code included).
    public func designatedCity(containingWard code5: String) -> DesignatedCity? {
        guard let code = Int(code5), let index = cityIndexByWardCode[code] else { return nil }
        return designatedCities[index]
    }

    /// The municipality `code5` rolls up to: a ward's designated city, otherwise `code5` itself
    /// (Tokyo's special wards are municipalities in their own right and stay as they are).
    public func cityCode(for code5: String) -> String {
        designatedCity(containingWard: code5)?.code5 ?? code5
    }

    // MARK: Reading

    /// Rows of `file` as the values of `columns`, in that order, with their line numbers.
    private static func readTable(
        _ directory: URL, _ file: String, columns: [String]
    ) throws -> [(line: Int, values: [String])] {
        let url = directory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DataFileError(source: url.path, line: nil, reason: "file not found")
        }
        var header: CSVColumns?
        var rows: [(line: Int, values: [String])] = []
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            guard let header else {
                header = try CSVColumns(header: fields, required: columns, sourceName: file)
                return
            }
            guard fields.count == header.names.count else {
                throw DataFileError(source: file, line: line, reason: "has \(fields.count) field(s), the header has \(header.names.count)")
            }
            let values = try columns.map { try header.value($0, in: fields, line: line) }
            if let empty = zip(columns, values).first(where: { $0.1.isEmpty }) {
                throw DataFileError(source: file, line: line, reason: "\(empty.0) is empty")
            }
            rows.append((line, values))
        }
        if header == nil {
            throw DataFileError(source: file, line: nil, reason: "file is empty (no header)")
        }
        return rows
    }
}
