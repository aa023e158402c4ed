/// The canonical ledger table of cases: the header `projects` writes and `import investments`
/// reads back unchanged (the category is derived from the programme and only shown; a row's
/// location_precision is kept when it has coordinates, so an export re-imports as it was).
public enum ProjectTable {
    public static let header = [
        "id", "name", "company", "company_size", "programme", "category", "plan", "field", "support_jpy", "total_investment_jpy",
        "jobs", "wage_commitment_pct", "budget", "adopted", "status", "announced", "address", "location_precision",
        "lon", "lat", "code", "source",
    ]

    /// Japanese headings of the same columns, in the same order, for spreadsheets people read.
    public static let japaneseHeader = [
        "案件ID", "事業名", "事業者名", "企業規模", "支援制度", "カテゴリ", "計画", "戦略分野", "支援額（円）", "総投資額（円）",
        "雇用創出数", "年平均賃上げ率（%）", "予算", "採択日", "状況", "公表日", "所在地", "位置の精度",
        "経度", "緯度", "市区町村コード", "出典",
    ]

    /// One case's cells in `header` order, as text: numbers without separators, coordinates
    /// with 6 decimals, nil as "".
    public static func cells(_ p: InvestmentProject) -> [String] {
        [
            p.id, p.name, p.company ?? "", p.companySize?.rawValue ?? "", p.programme ?? "", p.category ?? "", p.plan ?? "",
            p.field ?? "", p.supportJPY.map(String.init) ?? "", p.totalInvestmentJPY.map(String.init) ?? "",
            p.jobs.map(String.init) ?? "", p.wageCommitmentPct.map(percentText) ?? "", p.budget?.id ?? "", p.adopted ?? "",
            p.status.rawValue, p.announced ?? "", p.address ?? "", p.locationPrecision.rawValue,
            SyntheticLedger.sixDecimals(p.location.x), SyntheticLedger.sixDecimals(p.location.y),
            p.declaredCode?.code5 ?? "", p.source ?? "",
        ]
    }

    /// A percentage without a trailing ".0" (3 → "3", 3.5 → "3.5").
    static func percentText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
