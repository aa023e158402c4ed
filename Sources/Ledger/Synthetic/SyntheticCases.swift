import Foundation
import GeoCore
import GeoFormats
import Reference

/// A reproducible, entirely fictional ledger of adopted support cases (採択案件) in the layout the
/// published map is made of: invented companies and cases under the programmes of
/// GeoData/programmes.csv, at the scale of the real map (`synth --cases --count 340000`). Every
/// row says it is fictional in its `source` column.
///
/// How rows are drawn (row i depends only on the seed and i):
/// - programme: by count, the small-business programmes dominate as in the real lists (IT導入
///   30 %, 持続化 25 %, ものづくり 15 %, 省力化 12 %, 事業再構築 8 %, …, the large and strategic
///   programmes under 1 % each); its category comes from the table;
/// - company: a fictional name (株式会社 + an invented stem + a trade), its size by programme;
/// - total investment: lognormal around the programme's typical project, rounded to 千円;
///   support: the programme's subsidy rate of it, capped at the programme's ceiling;
/// - wage commitment: 60 % of cases, 1.5–6 %; budget: one of the programme's budgets; adopted:
///   in the fiscal year after a supplementary budget, within the year of an initial one;
/// - where: 75 % by address only (a real town's address with a house number, a tenth without the
///   prefecture, a tenth with a building name), 20 % by municipality code only, 5 % by
///   coordinates (within 300 m of the town point, with the code for 70 %).
public struct SyntheticCases: Sendable {
    public let seed: UInt64
    let towns: [TownPoint]
    private let prefectureNames: [String]
    private let programmes: [SupportProgramme]
    private let profiles: [Profile]
    private let programmeCumulative: [Double]
    let source: String

    /// The CSV header: the canonical ledger columns a list hands in (no derived category or
    /// precision).
    public static let csvHeader = [
        "id", "name", "company", "company_size", "programme", "plan", "field", "support_jpy", "total_investment_jpy", "jobs",
        "wage_commitment_pct", "budget", "adopted", "status", "announced", "address", "lon", "lat", "code", "source",
    ]

    /// - Parameters:
    ///   - towns: where cases may be; must not be empty (see `SyntheticLedger.readTownPoints`).
    ///   - reference: the programmes (must not be empty) and prefecture names.
    public init(seed: UInt64, towns: [TownPoint], reference: ReferenceTables) {
        precondition(!towns.isEmpty, "SyntheticCases needs at least one town point")
        precondition(!reference.programmes.isEmpty, "SyntheticCases needs the programmes table")
        self.seed = seed
        self.towns = towns
        prefectureNames = towns.map { reference.prefecture(code: String($0.code5.prefix(2)))?.name ?? "" }
        programmes = reference.programmes
        profiles = programmes.map { Self.profiles[$0.id] ?? Self.defaultProfile }
        programmeCumulative = Self.cumulative(profiles.map(\.weight))
        source = "fictional sample data (investmap synth --cases, seed \(seed))"
    }

    /// Case number `index + 1` (ids C0000001 …) as a CSV record in `csvHeader` order, line end
    /// included.
    public func csvRecord(at index: Int) -> String {
        precondition(index >= 0, "case index must not be negative")
        var random = SeededRandom(seed: seed ^ 0xCA5E_5EED, stream: UInt64(index))
        let programmeIndex = random.pick(cumulative: programmeCumulative)
        let programme = programmes[programmeIndex]
        let profile = profiles[programmeIndex]

        let size = profile.sizes[random.pick(cumulative: Self.cumulative(profile.sizes.map(\.weight)))].size
        let company = "\(random.element(of: Self.companyForms))\(random.element(of: Self.companyStems))\(random.element(of: Self.trades))"
        let what = random.element(of: profile.purposes)

        let totalYen = min(profile.medianTotalYen * exp(0.8 * random.normal()), profile.medianTotalYen * 20)
        let total = max(1, Int64((totalYen / 1_000).rounded())) * 1_000
        let support = min(Int64((Double(total) * profile.subsidyRate / 1_000).rounded()) * 1_000, profile.capYen)
        let wage = random.chance(0.6) ? random.element(of: Self.wageCommitments) : ""
        let jobs = random.chance(0.3) ? String(max(1, Int((Double(total) / 20_000_000 * exp(0.5 * random.normal())).rounded()))) : ""

        let budget = programme.budgets.isEmpty ? nil : programme.budgets[random.below(programme.budgets.count)]
        let adopted = budget.map { Self.adoptionDate($0, random: &random) } ?? ""
        let status = Self.statuses[random.pick(cumulative: Self.statusCumulative)]

        let townIndex = random.below(towns.count)
        let town = towns[townIndex]
        var address = "", lon = "", lat = "", code = ""
        let how = random.unit()
        if how < 0.75 {
            address = self.address(townIndex, random: &random)
        } else if how < 0.95 {
            code = town.code5
        } else {
            let point = SyntheticLedger.jittered(town.location, maximumMetres: 300, random: &random)
            lon = SyntheticLedger.sixDecimals(point.x)
            lat = SyntheticLedger.sixDecimals(point.y)
            if random.chance(0.7) { code = town.code5 }
        }
        return CSVWriter.record([
            Self.identifier(index), "\(town.municipality.isEmpty ? "" : town.municipality + " ")\(what)", company, size.rawValue,
            programme.id, "", "", String(support), String(total), jobs, wage, budget?.id ?? "", adopted, status, "",
            address, lon, lat, code, source,
        ])
    }

    /// A real town's address as lists write it: prefecture (omitted in a tenth), municipality,
    /// town, a house number, and for a tenth a building.
    private func address(_ townIndex: Int, random: inout SeededRandom) -> String {
        let town = towns[townIndex]
        var text = random.chance(0.1) ? "" : prefectureNames[townIndex]
        text += town.municipality + town.town
        text += random.chance(0.5) ? "\(1 + random.below(30))番\(1 + random.below(20))号" : "\(1 + random.below(3000))番地"
        if random.chance(0.1) { text += " " + random.element(of: Self.companyStems) + random.element(of: ["ビル", "テクノセンター", "工業団地内"]) }
        return text
    }

    /// A date within the fiscal year the budget's cases are adopted in.
    private static func adoptionDate(_ budget: Budget, random: inout SeededRandom) -> String {
        let year = budget.kind == .supplementary ? budget.fiscalYear + 1 : budget.fiscalYear
        let month = 4 + random.below(12)  // April … March of the next calendar year
        let calendarYear = month > 12 ? year + 1 : year
        let m = month > 12 ? month - 12 : month
        let day = 1 + random.below(28)
        return "\(calendarYear)-\(m < 10 ? "0" : "")\(m)-\(day < 10 ? "0" : "")\(day)"
    }

    private static func identifier(_ index: Int) -> String {
        let number = String(index + 1)
        return "C" + String(repeating: "0", count: max(0, 7 - number.count)) + number
    }

    static func cumulative(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var running = 0.0
        return weights.map { running += $0 / total; return running }
    }

    // MARK: Profiles

    /// How one programme's cases look: how common, how large, subsidised how much, for whom.
    struct Profile: Sendable {
        var weight: Double
        var medianTotalYen: Double
        var subsidyRate: Double
        var capYen: Int64
        var sizes: [(size: CompanySize, weight: Double)]
        var purposes: [String]
    }

    private static let smallFirms: [(size: CompanySize, weight: Double)] = [(.small, 0.35), (.sme, 0.65)]
    private static let sustainingFirms: [(size: CompanySize, weight: Double)] = [(.small, 0.9), (.sme, 0.1)]
    private static let growingFirms: [(size: CompanySize, weight: Double)] = [(.sme, 0.55), (.midsize, 0.45)]
    private static let largeFirms: [(size: CompanySize, weight: Double)] = [(.large, 0.75), (.midsize, 0.25)]

    private static let defaultProfile = Profile(weight: 0.5, medianTotalYen: 50e6, subsidyRate: 0.5, capYen: 100_000_000,
                                                sizes: smallFirms, purposes: ["設備投資"])

    private static let profiles: [String: Profile] = [
        "it_introduction": Profile(weight: 30, medianTotalYen: 3e6, subsidyRate: 0.5, capYen: 4_500_000, sizes: smallFirms,
                                   purposes: ["受発注システムの導入", "クラウド会計の導入", "在庫管理のデジタル化", "予約・顧客管理システムの導入"]),
        "small_business_sustainability": Profile(weight: 25, medianTotalYen: 1.5e6, subsidyRate: 2.0 / 3.0, capYen: 2_000_000,
                                                 sizes: sustainingFirms,
                                                 purposes: ["販路開拓のための店舗改装", "新商品の開発と広告", "ECサイトの構築", "厨房設備の更新"]),
        "monodzukuri": Profile(weight: 15, medianTotalYen: 20e6, subsidyRate: 0.5, capYen: 12_500_000, sizes: smallFirms,
                               purposes: ["高精度加工機の導入", "試作開発ラインの整備", "検査工程の自動化", "新製品の量産体制構築"]),
        "labour_saving_investment": Profile(weight: 12, medianTotalYen: 15e6, subsidyRate: 0.5, capYen: 15_000_000, sizes: smallFirms,
                                            purposes: ["配膳ロボットの導入", "自動倉庫の導入", "無人搬送車（AGV）の導入", "券売機・セルフレジの導入"]),
        "business_restructuring": Profile(weight: 8, medianTotalYen: 60e6, subsidyRate: 0.5, capYen: 150_000_000, sizes: smallFirms,
                                          purposes: ["新分野への業態転換", "新工場での新製品製造", "観光分野への事業転換"]),
        "new_business_entry": Profile(weight: 3, medianTotalYen: 80e6, subsidyRate: 0.5, capYen: 90_000_000, sizes: growingFirms,
                                      purposes: ["新市場向け製品の生産拠点整備", "新事業の工場新設"]),
        "business_succession": Profile(weight: 3, medianTotalYen: 10e6, subsidyRate: 0.5, capYen: 8_000_000, sizes: sustainingFirms,
                                       purposes: ["事業承継後の設備刷新", "M&A後の統合投資"]),
        "energy_saving_investment": Profile(weight: 2, medianTotalYen: 100e6, subsidyRate: 1.0 / 3.0, capYen: 1_500_000_000,
                                            sizes: growingFirms, purposes: ["高効率ボイラーへの更新", "工場の省エネ設備導入"]),
        "large_growth_investment": Profile(weight: 0.5, medianTotalYen: 3e9, subsidyRate: 1.0 / 3.0, capYen: 5_000_000_000,
                                           sizes: growingFirms, purposes: ["新工場の建設", "生産ラインの大規模自動化", "物流拠点の新設"]),
        "sme_growth_acceleration": Profile(weight: 0.5, medianTotalYen: 1.5e9, subsidyRate: 0.5, capYen: 500_000_000,
                                           sizes: growingFirms, purposes: ["売上100億円を目指す工場増設", "本社工場の建替え"]),
        "regional_future_investment": Profile(weight: 0.5, medianTotalYen: 500e6, subsidyRate: 1.0 / 3.0, capYen: 500_000_000,
                                              sizes: growingFirms, purposes: ["地域牽引型の新工場建設", "研究開発拠点の整備"]),
        "gx_supply_chain": Profile(weight: 0.1, medianTotalYen: 20e9, subsidyRate: 1.0 / 3.0, capYen: 100_000_000_000,
                                   sizes: largeFirms, purposes: ["水電解装置の量産工場", "ペロブスカイト太陽電池の製造拠点"]),
        "storage_battery_supply_chain": Profile(weight: 0.1, medianTotalYen: 30e9, subsidyRate: 1.0 / 3.0, capYen: 150_000_000_000,
                                                sizes: largeFirms, purposes: ["車載蓄電池の製造工場", "正極材の製造拠点"]),
        "domestic_investment_supply_chain": Profile(weight: 0.1, medianTotalYen: 10e9, subsidyRate: 0.5, capYen: 15_000_000_000,
                                                    sizes: largeFirms, purposes: ["生産拠点の国内回帰", "部素材工場の新設"]),
        "advanced_semiconductors": Profile(weight: 0.02, medianTotalYen: 500e9, subsidyRate: 0.4, capYen: 1_000_000_000_000,
                                           sizes: largeFirms, purposes: ["先端半導体工場の建設"]),
        "semiconductor_supply_chain": Profile(weight: 0.1, medianTotalYen: 50e9, subsidyRate: 1.0 / 3.0, capYen: 100_000_000_000,
                                              sizes: largeFirms, purposes: ["パワー半導体の増産", "半導体製造装置部品の工場新設"]),
        "critical_materials_supply": Profile(weight: 0.1, medianTotalYen: 20e9, subsidyRate: 1.0 / 3.0, capYen: 50_000_000_000,
                                             sizes: largeFirms, purposes: ["重要鉱物の精錬設備", "永久磁石の製造拠点"]),
    ]

    private static let companyForms = ["株式会社", "有限会社", "合同会社", ""]
    /// Invented stems; any likeness to a real company is chance.
    private static let companyStems = [
        "青葉", "朝凪", "東雲", "北斗星", "三栄舎", "大和路", "富士見台", "光洋舎", "中央第一", "日進堂", "丸高", "新星",
        "若葉台", "白樺", "銀河", "清流", "常盤", "陽光", "桜川", "旭日", "瑞穂", "緑風", "千歳", "明星",
    ]
    private static let trades = ["精機", "製作所", "工業", "商店", "建設", "食品", "電子", "システム", "化成", "物流", "工務店", "テクノ"]
    private static let wageCommitments = ["1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5", "6"]
    private static let statuses = ["operating", "under_construction", "planned", "withdrawn"]
    private static let statusCumulative = cumulative([0.5, 0.2, 0.28, 0.02])
}
