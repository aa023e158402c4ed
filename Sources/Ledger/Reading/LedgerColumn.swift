/// A column of a ledger file, whatever the header calls it. Headers are compared in `ledgerKey`
/// form (trimmed, NFKC, lowercased), so 事業ＩＤ, 事業ID and 事業id are the same header.
///
/// `synonyms` is the built-in table of the names real lists give each column (事業者名 / 申請者名 /
/// 企業名, 所在地 / 住所 / 事業実施場所 …); the amount columns are matched by their stems with a
/// unit (`AmountUnit.headerUnit`). Anything else is mapped with `--map canonical=header` or
/// `--columns FILE` (`LedgerColumnMap`).
public enum LedgerColumn: String, Sendable, Hashable, CaseIterable {
    case id, name, plan, field, fields
    case company
    case companySize = "company_size"
    case programme
    /// 支援額: the support granted; the unit (円, 千円, 百万円, 億円) comes from the header.
    case support = "support_jpy"
    /// 総投資額: the total investment, private share included (`amount_jpy` before support existed).
    case totalInvestment = "total_investment_jpy"
    case jobs
    case wageCommitment = "wage_commitment_pct"
    case budget, adopted, status, announced
    case address
    /// How exactly a row with coordinates is located (an export of `projects` says so); a row
    /// without coordinates gets its precision from how it is located.
    case locationPrecision = "location_precision"
    /// 都道府県名, with `municipality` locating a row by name when it has no code or address.
    case prefecture
    case municipality
    case lon, lat, code, source, wkt

    /// The canonical header name, used in messages when the file did not name the column itself.
    public var canonicalName: String { rawValue }

    // Compared and hashed by case, not by raw value: a String-backed enum otherwise takes
    // RawRepresentable's == and hash(into:), which compare and hash the name's bytes, and a row
    // is a dictionary of columns looked up a dozen times per row (perf: 9 % of reading a
    // million-row ledger). A payload-free enum of under 256 cases is its one-byte case number.
    private var caseNumber: UInt8 { withUnsafeBytes(of: self) { $0[0] } }

    public static func == (lhs: LedgerColumn, rhs: LedgerColumn) -> Bool { lhs.caseNumber == rhs.caseNumber }

    public func hash(into hasher: inout Hasher) { hasher.combine(caseNumber) }

    /// Whether the column holds an amount in yen whose unit the header may state.
    var isAmount: Bool { self == .support || self == .totalInvestment }

    /// Header names that mean this column (besides the amount headers with a unit, which are
    /// matched by `AmountUnit.headerUnit(_:for:)`).
    var synonyms: [String] {
        switch self {
        case .id: ["id", "事業id", "事業番号", "番号", "no", "no.", "案件番号", "採択番号", "受付番号", "管理番号", "case_id"]
        case .name: ["name", "事業名", "名称", "プロジェクト名", "案件名", "事業計画名", "補助事業名", "テーマ名", "事業テーマ",
                     "投資内容", "投資の内容", "事業内容", "件名", "title"]
        case .plan: ["plan", "計画", "計画種別", "計画区分"]
        case .field: ["field", "分野", "戦略分野", "戦略産業分野"]
        case .fields: ["fields", "field", "分野", "戦略分野", "戦略産業分野"]
        case .company: ["company", "事業者名", "申請者名", "企業名", "会社名", "法人名", "事業者", "申請者", "補助事業者名"]
        case .companySize: ["company_size", "企業規模", "事業者区分", "企業区分", "規模区分", "規模"]
        case .programme: ["programme", "program", "補助金名", "制度名", "支援制度", "支援制度名", "補助金の名称", "施策名"]
        case .support, .totalInvestment: []
        case .jobs: ["jobs", "雇用", "雇用者数", "雇用創出数", "新規雇用者数"]
        case .wageCommitment: ["wage_commitment_pct", "wage_commitment", "賃上げ率", "年平均賃上げ率", "賃上げ目標", "賃上げ率(年平均)",
                               "年平均賃上げ率(%)", "賃上げ率(%)", "給与支給総額増加率"]
        case .budget: ["budget", "予算", "予算年度", "予算区分", "予算措置"]
        case .adopted: ["adopted", "採択日", "採択年月日", "交付決定日"]
        case .status: ["status", "状況", "進捗", "ステータス", "進捗状況"]
        case .announced: ["announced", "公表日", "発表日"]
        case .address: ["address", "所在地", "住所", "事業実施場所", "実施場所", "設置場所", "事業所所在地", "工場所在地", "本社所在地"]
        case .locationPrecision: ["location_precision", "位置の精度"]
        case .prefecture: ["prefecture", "都道府県", "都道府県名"]
        case .municipality: ["municipality", "市区町村", "市区町村名", "市町村", "市町村名"]
        case .lon: ["lon", "lng", "long", "longitude", "経度"]
        case .lat: ["lat", "latitude", "緯度"]
        case .code: ["code", "市区町村コード", "団体コード", "地方公共団体コード", "自治体コード"]
        case .source: ["source", "出典", "情報源", "url"]
        case .wkt: ["wkt", "geometry", "geom"]
        }
    }

    /// The column a header name means in a table of `kind`, with the amount's unit for an amount
    /// column; nil when the name means nothing there.
    static func match(_ headerName: String, in kind: LedgerKind) -> (column: LedgerColumn, unit: AmountUnit?)? {
        let key = headerName.ledgerKey
        guard !key.isEmpty else { return nil }
        let understood = kind.columns
        for column in [LedgerColumn.support, .totalInvestment] where understood.contains(column) {
            if let unit = AmountUnit.headerUnit(key, for: column) { return (column, unit) }
        }
        for column in allCases where understood.contains(column) {
            if synonymKeys[column]?.contains(key) == true { return (column, nil) }
        }
        return nil
    }

    /// Every name a header may use for a column of `kind` (canonical first), for suggestions.
    static func knownNames(in kind: LedgerKind) -> [(name: String, column: LedgerColumn)] {
        allCases.filter { kind.columns.contains($0) }.flatMap { column in
            ([column.canonicalName] + column.synonyms + AmountUnit.headerExamples(for: column)).map { ($0, column) }
        }
    }

    /// The synonyms in `ledgerKey` form, computed once.
    private static let synonymKeys: [LedgerColumn: Set<String>] = Dictionary(
        uniqueKeysWithValues: allCases.map { column in (column, Set(column.synonyms.map(\.ledgerKey))) })
}
