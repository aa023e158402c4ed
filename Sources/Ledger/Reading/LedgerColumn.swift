/// A column of a ledger file, whatever the header calls it. Headers are compared in `ledgerKey`
/// form (trimmed, NFKC, lowercased), so 事業ＩＤ, 事業ID and 事業id are the same header.
enum LedgerColumn: String, Sendable, Hashable, CaseIterable {
    case id, name, plan, field, fields
    /// The investment amount; the unit (円, 千円, 百万円, 億円) comes from the header, see `AmountUnit`.
    case amount = "amount_jpy"
    case jobs, status, announced, lon, lat, code, source, wkt

    /// The canonical header name, used in messages when the file did not name the column itself.
    var canonicalName: String { rawValue }

    /// Header names that mean this column (besides the amount headers, which carry a unit and are
    /// matched by `AmountUnit.headerUnit(_:)`).
    var synonyms: [String] {
        switch self {
        case .id: ["id", "事業id", "事業番号", "番号", "no", "no."]
        case .name: ["name", "事業名", "名称", "プロジェクト名", "案件名"]
        case .plan: ["plan", "計画", "計画種別", "計画区分"]
        case .field: ["field", "分野", "戦略分野", "戦略産業分野"]
        case .fields: ["fields", "field", "分野", "戦略分野", "戦略産業分野"]
        case .amount: []
        case .jobs: ["jobs", "雇用", "雇用者数", "雇用創出数", "新規雇用者数"]
        case .status: ["status", "状況", "進捗", "ステータス", "進捗状況"]
        case .announced: ["announced", "公表日", "発表日"]
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
        if understood.contains(.amount), let unit = AmountUnit.headerUnit(key) {
            return (.amount, unit)
        }
        for column in allCases where understood.contains(column) {
            if synonymKeys[column]?.contains(key) == true { return (column, nil) }
        }
        return nil
    }

    /// The synonyms in `ledgerKey` form, computed once.
    private static let synonymKeys: [LedgerColumn: Set<String>] = Dictionary(
        uniqueKeysWithValues: allCases.map { column in (column, Set(column.synonyms.map(\.ledgerKey))) })
}
