import Foundation
import GeoCore
import GeoFormats
import Reference

/// A reproducible, plausible, entirely fictional investment ledger: for demonstrations, tests and
/// benchmarks of the join and the maps when no real ledger may be shown. Every row says it is
/// fictional in its `source` column.
///
/// Each project sits at a real town point (jittered by up to 300 m) and has a plan, a field, an
/// amount, jobs, a status and an announcement date drawn as follows:
/// - plan: A 15 %, B 35 %, C 50 % (ids from `plan_types.csv`);
/// - field: every plan A project and 40 % of plan B projects, weighted toward the large fields
///   (AI・半導体, GX, 創薬, マテリアル, 造船 …); plan C has none;
/// - amount: lognormal with median 80 億円 (A), 15 億円 (B), 2 億円 (C), rounded to 百万円;
/// - jobs: proportional to the amount (about 0.8 per 億円 for A, 1.5 for B, 4 for C) with
///   lognormal noise, at least 1;
/// - status: planned 40 %, under_construction 25 %, operating 30 %, withdrawn 5 %;
/// - announced: uniform over 2024-04-01 … 2026-10-31;
/// - location: a town point chosen uniformly, moved up to 300 m in a random direction, rounded
///   to 6 decimals (about 0.1 m) so the CSV reproduces it exactly;
/// - declared code: the town's code for 70 % of rows (the jitter may have crossed a border: the
///   join should notice), else none;
/// - name: the municipality (sometimes with its 町丁目 as 地区), a facility of the field or of a
///   local industry, and what is done to it: 「菊陽町 半導体工場新設」.
///
/// Row i depends only on the seed and i, so the same seed gives byte-identical rows whatever the
/// count, and a longer ledger begins with the rows of a shorter one.
public struct SyntheticLedger: Sendable {
    /// The seed every row is derived from.
    public let seed: UInt64

    let towns: [TownPoint]
    private let townCodes: [MunicipalityCode?]
    let townPlaces: [String]
    private let townDistricts: [String]
    let plans: [String]
    private let planProfiles: [PlanProfile]
    private let planCumulative: [Double]
    let fields: [String]
    /// The Japanese names of `fields`, for the sites' names.
    let fieldNames: [String]
    /// The facilities of each field, or nil for a field without its own list.
    private let facilitiesByField: [[String]?]
    let fieldCumulative: [Double]
    private let dates: [String]
    let source: String

    /// - Parameters:
    ///   - seed: any 64-bit value; the same seed gives the same ledger.
    ///   - towns: where projects may be; must not be empty (see `readTownPoints(csv:)`).
    ///   - reference: the plan types and strategic fields to draw from.
    public init(seed: UInt64, towns: [TownPoint], reference: ReferenceTables) {
        precondition(!towns.isEmpty, "SyntheticLedger needs at least one town point")
        self.seed = seed
        self.towns = towns
        townCodes = towns.map { town in
            guard town.code5.utf8.count == 5 else { return nil }
            return try? MunicipalityCode(town.code5)
        }
        townPlaces = towns.map { $0.municipality.isEmpty ? "市区町村\($0.code5)" : $0.municipality }
        townDistricts = towns.map { Self.districtName(ofTown: $0.town) }
        plans = reference.planTypes.map(\.id)
        planProfiles = plans.map { Self.profiles[$0] ?? Self.profiles["C"]! }
        planCumulative = Self.cumulative(plans.map { Self.planWeights[$0] ?? 0.05 })
        fields = reference.strategicFields.map(\.id)
        fieldNames = reference.strategicFields.map(\.name)
        facilitiesByField = fields.map { Self.fieldFacilities[$0] }
        fieldCumulative = Self.cumulative(fields.map { Self.fieldWeights[$0] ?? 1 })
        dates = Self.dayStrings(from: (2024, 4, 1), through: (2026, 10, 31))
        source = "fictional sample data (investmap synth, seed \(seed))"
    }

    /// The first `count` projects, ids P000001 … (more digits past 999,999).
    public func projects(count: Int) -> [InvestmentProject] {
        (0..<max(0, count)).map { project(at: $0) }
    }

    /// Project number `index + 1`, the same whatever else is generated: for callers that stream
    /// a large ledger instead of holding it.
    public func project(at index: Int) -> InvestmentProject {
        precondition(index >= 0, "project index must not be negative")
        var random = SeededRandom(seed: seed, stream: UInt64(index))

        let planIndex = planCumulative.isEmpty ? -1 : random.pick(cumulative: planCumulative)
        let plan = planIndex >= 0 ? plans[planIndex] : "C"
        let profile = planIndex >= 0 ? planProfiles[planIndex] : Self.profiles["C"]!

        var fieldIndex: Int?
        if !fields.isEmpty, random.chance(profile.fieldShare) {
            fieldIndex = random.pick(cumulative: fieldCumulative)
        }
        let field = fieldIndex.map { fields[$0] }

        let amountYen = min(profile.medianYen * exp(profile.amountSigma * random.normal()), profile.capYen)
        let amountMillions = max(1, (amountYen / 1e6).rounded())
        let amount = Int64(amountMillions) * 1_000_000
        let jobs = max(1, Int((amountMillions / 100 * profile.jobsPerOku * exp(0.35 * random.normal())).rounded()))

        let status = Self.statuses[random.pick(cumulative: Self.statusCumulative)]
        let announced = dates[random.below(dates.count)]

        let townIndex = random.below(towns.count)
        let town = towns[townIndex]
        let location = Self.jittered(town.location, maximumMetres: 300, random: &random)
        let declaredCode = random.chance(0.7) ? townCodes[townIndex] : nil

        let facilities = fieldIndex.flatMap { facilitiesByField[$0] } ?? profile.facilities
        let facility = random.element(of: facilities)
        let action = Self.actions[random.pick(cumulative: Self.actionCumulative)]
        var place = townPlaces[townIndex]
        if !townDistricts[townIndex].isEmpty, random.chance(0.35) {
            place += townDistricts[townIndex] + "地区"
        }
        var name = "\(place) \(facility)\(action)"
        if action == "増設", random.chance(0.3) {
            name += "（第\(2 + random.below(3))期）"
        }

        return InvestmentProject(
            ProjectAttributes(id: Self.identifier(index), name: name, plan: plan, field: field, totalInvestmentJPY: amount, jobs: jobs,
                              status: status, announced: announced, declaredCode: declaredCode, source: source),
            location: location)
    }

    // MARK: Canonical CSV

    /// The canonical ledger header.
    public static let csvHeader = ["id", "name", "plan", "field", "amount_jpy", "jobs", "status", "announced", "lon", "lat", "code", "source"]

    /// The canonical ledger CSV of `projects`: the header, then one record per project (RFC 4180
    /// quoting, LF line ends); numbers without separators, coordinates with 6 decimals, nil as
    /// an empty field.
    public static func csv(_ projects: [InvestmentProject]) -> String {
        var text = CSVWriter.record(csvHeader)
        for project in projects {
            text += csvRecord(project)
        }
        return text
    }

    /// One project as a canonical CSV record, line end included.
    public static func csvRecord(_ project: InvestmentProject) -> String {
        CSVWriter.record([
            project.id, project.name, project.plan ?? "", project.field ?? "",
            project.totalInvestmentJPY.map { String($0) } ?? "", project.jobs.map { String($0) } ?? "",
            project.status.rawValue, project.announced ?? "",
            sixDecimals(project.location.x), sixDecimals(project.location.y),
            project.declaredCode?.code5 ?? "", project.source ?? "",
        ])
    }

    /// `value` with exactly 6 decimals, from its nearest multiple of 10⁻⁶ (integer arithmetic,
    /// much faster than `String(format:)` for millions of rows, and the same digits).
    static func sixDecimals(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let micro = Int64((value * 1e6).rounded())
        let magnitude = micro.magnitude
        let fraction = String(magnitude % 1_000_000)
        let sign = micro < 0 ? "-" : ""
        return sign + String(magnitude / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.utf8.count) + fraction
    }

    // MARK: Town points

    /// The town points of a CSV file with the columns `code5`, `lat`, `lng` (and, if present,
    /// `city` and `town` for the names), as `../shared/points/town_points.csv` has them. Rows
    /// without coordinates are skipped.
    /// - Throws: `DataFileError` naming the file and line: missing columns, a malformed code, a
    ///   coordinate that is not a number or out of range.
    public static func readTownPoints(csv url: URL) throws -> [TownPoint] {
        var reader = TownPointRows(sourceName: url.path)
        try CSVReader.forEachRecord(inFile: url) { try reader.add(line: $0, fields: $1) }
        return try reader.finish()
    }

    /// Town points from a plain CSV file, or an `.xz` one through `xz -dc`.
    /// - Throws: `DataFileError` naming the file (xz missing or failing, bad rows).
    public static func readTownPoints(file url: URL) throws -> [TownPoint] {
        var reader = TownPointRows(sourceName: url.path)
        try CSVReader.forEachRecord(in: Array(try CompressedInput.contents(of: url)), sourceName: url.path) {
            try reader.add(line: $0, fields: $1)
        }
        return try reader.finish()
    }

    /// Town points from CSV text (see `readTownPoints(csv:)`).
    public static func readTownPoints(csvText: String, sourceName: String = "<memory>") throws -> [TownPoint] {
        var reader = TownPointRows(sourceName: sourceName)
        try CSVReader.forEachRecord(in: Array(csvText.utf8), sourceName: sourceName) { try reader.add(line: $0, fields: $1) }
        return try reader.finish()
    }

    /// Rows of a town points file, checked as they come.
    private struct TownPointRows {
        let sourceName: String
        var columns: CSVColumns?
        var municipalityColumn: Int?
        var townColumn: Int?
        var points: [TownPoint] = []

        init(sourceName: String) { self.sourceName = sourceName }

        mutating func add(line: Int, fields: [String]) throws {
            guard let columns else {
                let header = try CSVColumns(header: fields, required: ["code5", "lat", "lng"], sourceName: sourceName)
                columns = header
                municipalityColumn = header.index(of: "city")
                townColumn = header.index(of: "town")
                return
            }
            let latText = try columns.value("lat", in: fields, line: line)
            let lngText = try columns.value("lng", in: fields, line: line)
            if latText.isEmpty || lngText.isEmpty { return }
            let code5 = try columns.value("code5", in: fields, line: line)
            guard code5.utf8.count == 5, (try? MunicipalityCode(code5)) != nil else {
                throw DataFileError(source: sourceName, line: line, reason: "code5: \"\(code5)\" is not a 5-digit municipality code")
            }
            guard let lat = Double(latText), lat.isFinite, (-90...90).contains(lat) else {
                throw DataFileError(source: sourceName, line: line, reason: "lat: \"\(latText)\" is not a latitude in degrees")
            }
            guard let lng = Double(lngText), lng.isFinite, (-180...180).contains(lng) else {
                throw DataFileError(source: sourceName, line: line, reason: "lng: \"\(lngText)\" is not a longitude in degrees")
            }
            func optional(_ index: Int?) -> String {
                guard let index, index < fields.count else { return "" }
                return fields[index]
            }
            points.append(TownPoint(code5: code5, location: Coordinate(x: lng, y: lat),
                                    municipality: optional(municipalityColumn), town: optional(townColumn)))
        }

        func finish() throws -> [TownPoint] {
            guard columns != nil else {
                throw DataFileError(source: sourceName, line: nil, reason: "file is empty (no header)")
            }
            return points
        }
    }

    // MARK: Drawing

    /// What a plan's projects look like.
    private struct PlanProfile {
        var fieldShare: Double
        var medianYen: Double
        var amountSigma: Double
        var capYen: Double
        var jobsPerOku: Double
        /// Facilities of projects without a field.
        var facilities: [String]
    }

    private static let planWeights: [String: Double] = ["A": 0.15, "B": 0.35, "C": 0.50]

    private static let regionalFacilities = [
        "自動車部品工場", "精密機械工場", "化学品工場", "食品工場", "物流センター", "研究開発センター",
        "医療機器工場", "電子部品工場", "産業機械工場", "本社工場", "樹脂成形工場", "金属加工工場",
    ]
    private static let localFacilities = [
        "食品加工場", "酒蔵", "伝統工芸工房", "水産加工場", "木材加工工場", "金属加工工場", "精密部品工場",
        "農産物加工施設", "菓子工場", "醸造施設", "繊維工場", "製材所", "物流倉庫", "観光交流施設", "陶磁器工房",
    ]

    private static let profiles: [String: PlanProfile] = [
        "A": PlanProfile(fieldShare: 1, medianYen: 80e8, amountSigma: 1.1, capYen: 2e12, jobsPerOku: 0.8, facilities: regionalFacilities),
        "B": PlanProfile(fieldShare: 0.4, medianYen: 15e8, amountSigma: 0.9, capYen: 5e11, jobsPerOku: 1.5, facilities: regionalFacilities),
        "C": PlanProfile(fieldShare: 0, medianYen: 2e8, amountSigma: 0.8, capYen: 5e10, jobsPerOku: 4, facilities: localFacilities),
    ]

    /// Relative weights of the strategic fields (ids not listed weigh 1).
    private static let fieldWeights: [String: Double] = [
        "ai_semiconductors": 8, "resource_energy_security_gx": 5, "drug_discovery_advanced_medicine": 3,
        "materials": 3, "shipbuilding": 3, "port_logistics": 2, "aerospace": 2, "synthetic_biology_bio": 2,
        "digital_cybersecurity": 2, "information_communications": 2, "foodtech": 2, "defense_industry": 1.5,
        "disaster_resilience": 1.5, "quantum": 1, "content": 1, "ocean": 1, "fusion_energy": 0.5,
    ]

    private static let fieldFacilities: [String: [String]] = [
        "ai_semiconductors": ["半導体工場", "半導体後工程拠点", "パワー半導体工場", "シリコンウエハー工場", "AIデータセンター"],
        "shipbuilding": ["造船所ドック", "船舶用エンジン工場", "艤装岸壁", "ブロック組立工場"],
        "quantum": ["量子コンピュータ研究拠点", "量子技術開発センター"],
        "synthetic_biology_bio": ["バイオものづくり拠点", "発酵生産プラント", "バイオ素材工場"],
        "aerospace": ["航空機部品工場", "ロケット組立棟", "小型衛星製造拠点"],
        "digital_cybersecurity": ["セキュリティ運用センター", "データセンター"],
        "content": ["アニメ制作スタジオ", "映像制作拠点", "ゲーム開発拠点"],
        "foodtech": ["植物工場", "代替たんぱく製造拠点", "陸上養殖施設"],
        "resource_energy_security_gx": ["蓄電池工場", "水素製造拠点", "ペロブスカイト太陽電池工場", "SAF製造プラント", "洋上風力関連工場"],
        "disaster_resilience": ["防災資機材工場", "プレキャスト製品工場"],
        "drug_discovery_advanced_medicine": ["医薬品工場", "再生医療研究所", "創薬研究拠点", "バイオ医薬品工場"],
        "fusion_energy": ["フュージョン実験施設", "核融合部材工場"],
        "materials": ["炭素繊維工場", "レアメタルリサイクル工場", "電子材料工場", "特殊鋼工場"],
        "port_logistics": ["物流センター", "コンテナターミナル", "冷凍冷蔵倉庫"],
        "defense_industry": ["防衛装備品工場", "装備品整備拠点"],
        "information_communications": ["データセンター", "光ファイバー工場", "通信機器工場"],
        "ocean": ["海洋機器工場", "海洋資源研究拠点", "海底ケーブル工場"],
    ]

    private static let actions = ["新設", "増設", "建設", "拡張", "移転新設"]
    private static let actionCumulative = cumulative([0.5, 0.3, 0.1, 0.05, 0.05])

    private static let statuses: [ProjectStatus] = [.planned, .underConstruction, .operating, .withdrawn]
    private static let statusCumulative = cumulative([0.40, 0.25, 0.30, 0.05])

    private static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { weight in
            total += weight
            return total
        }
    }

    /// P000001 for index 0.
    private static func identifier(_ index: Int) -> String {
        let digits = String(index + 1)
        return "P" + String(repeating: "0", count: max(0, 6 - digits.utf8.count)) + digits
    }

    /// `point` moved by up to `maximumMetres` on the ground (GRS80 radii of curvature), uniformly
    /// over the disc, rounded to 6 decimals.
    static func jittered(_ point: Coordinate, maximumMetres: Double, random: inout SeededRandom) -> Coordinate {
        let distance = maximumMetres * random.unit().squareRoot()
        let bearing = 2 * Double.pi * random.unit()
        return offset(point, metres: distance, bearing: bearing)
    }

    /// `point` moved `metres` on the ground towards `bearing` (radians clockwise from north), with
    /// the GRS80 radii of curvature at its latitude (exact enough for a few kilometres), rounded to
    /// 6 decimals.
    static func offset(_ point: Coordinate, metres distance: Double, bearing: Double) -> Coordinate {
        let ellipsoid = Ellipsoid.grs80
        let e2 = ellipsoid.flattening * (2 - ellipsoid.flattening)
        let latitude = point.y * Double.pi / 180
        let w2 = 1 - e2 * sin(latitude) * sin(latitude)
        let primeVertical = ellipsoid.semiMajorAxis / w2.squareRoot()
        let meridian = primeVertical * (1 - e2) / w2
        let lat = point.y + distance * cos(bearing) / meridian * 180 / Double.pi
        let lon = point.x + distance * sin(bearing) / (primeVertical * cos(latitude)) * 180 / Double.pi
        return Coordinate(x: (lon * 1e6).rounded() / 1e6, y: (lat * 1e6).rounded() / 1e6)
    }

    private static let chomeNumerals: Set<Character> = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ]

    /// The town name without 大字/字 and without the 丁目 number: 北一条東六丁目 → 北一条東.
    private static func districtName(ofTown town: String) -> String {
        var name = Substring(town)
        for prefix in ["大字", "字"] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        if name.hasSuffix("丁目") {
            name = name.dropLast(2)
            while let last = name.last, chomeNumerals.contains(last) {
                name = name.dropLast()
            }
        }
        return String(name)
    }

    /// "YYYY-MM-DD" for every day of the closed range (proleptic Gregorian).
    private static func dayStrings(from start: (Int, Int, Int), through end: (Int, Int, Int)) -> [String] {
        func daysIn(year: Int, month: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var (year, month, day) = start
        var days: [String] = []
        while (year, month, day) <= end {
            days.append("\(year)-\(twoDigits(month))-\(twoDigits(day))")
            day += 1
            if day > daysIn(year: year, month: month) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
        return days
    }
}
