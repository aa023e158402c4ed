import Reference

/// The words a ledger cell may use for a plan, a strategic field or a status, and the ids they
/// stand for. Plans and fields come from the reference tables (GeoData/plan_types.csv and
/// strategic_fields.csv), so a revision of the 17 fields is a data change, not a code change.
/// Everything is compared in `ledgerKey` form (NFKC, lowercased).
struct LedgerVocabulary: Sendable {
    private let planByKey: [String: String]
    private let fieldByKey: [String: String]
    private let planList: String
    private let programmeByKey: [String: SupportProgramme]
    private let programmeIDs: [String]

    /// Words for the statuses: slugs, English variants and the terms of Japanese spreadsheets.
    private static let statusByKey: [String: ProjectStatus] = {
        let words: [(ProjectStatus, [String])] = [
            (.planned, ["planned", "計画中", "計画", "予定"]),
            (.underConstruction, ["under_construction", "under construction", "construction", "建設中", "工事中", "着工", "着工済"]),
            (.operating, ["operating", "operational", "稼働中", "操業中", "稼働", "操業", "稼動中", "稼動"]),
            (.withdrawn, ["withdrawn", "cancelled", "canceled", "撤回", "中止", "取下げ", "取り下げ", "取下"]),
        ]
        var byKey: [String: ProjectStatus] = [:]
        for (status, list) in words {
            for word in list { byKey[word.ledgerKey] = status }
        }
        return byKey
    }()

    /// Plans by id (A, B, C, any case), Japanese name with or without its closing 計画, and English
    /// name; fields by slug, Japanese name (also without a bracketed note: マテリアル for
    /// マテリアル（重要鉱物・部素材）) and order number.
    init(reference: ReferenceTables) {
        var plans: [String: String] = [:]
        for plan in reference.planTypes {
            plans[plan.id.ledgerKey] = plan.id
            plans[plan.name.ledgerKey] = plan.id
            plans[plan.nameEn.ledgerKey] = plan.id
            if plan.name.hasSuffix("計画") {
                plans[String(plan.name.dropLast(2)).ledgerKey] = plan.id
            }
        }
        var fields: [String: String] = [:]
        for field in reference.strategicFields {
            fields[field.id.ledgerKey] = field.id
            fields[field.name.ledgerKey] = field.id
            fields[String(field.order)] = field.id
            let name = field.name.ledgerNormalized
            if let open = name.firstIndex(of: "("), open > name.startIndex {
                fields[String(name[..<open]).ledgerKey] = field.id
            }
        }
        // Programmes by id, full name, the name without its bracketed short name, and that short
        // name (ものづくり補助金 for ものづくり・商業・サービス生産性向上促進補助金（ものづくり補助金）).
        var programmes: [String: SupportProgramme] = [:]
        for programme in reference.programmes {
            programmes[programme.id.ledgerKey] = programme
            let name = programme.name.ledgerNormalized
            programmes[name.ledgerKey] = programme
            if let open = name.firstIndex(of: "("), name.hasSuffix(")"), open > name.startIndex {
                programmes[String(name[..<open]).ledgerKey] = programme
                programmes[String(name[name.index(after: open)..<name.index(before: name.endIndex)]).ledgerKey] = programme
            }
        }
        planByKey = plans
        fieldByKey = fields
        programmeByKey = programmes
        programmeIDs = reference.programmes.map(\.id)
        planList = reference.planTypes.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
    }

    /// The plan id ("A") a cell names.
    /// - Throws: `RowProblem` for an empty or unknown plan.
    func plan(_ cell: String, label: String) throws(RowProblem) -> String {
        let key = cell.ledgerKey
        guard !key.isEmpty else { throw RowProblem("\(label): empty") }
        guard let id = planByKey[key] else {
            throw RowProblem.cell(label, cell, "is not a plan (expected \(planList))")
        }
        return id
    }

    /// The programme a cell names (id, name or short name), nil for a blank cell.
    /// - Throws: `RowProblem` for an unknown programme, with the closest ids.
    func programme(_ cell: String, label: String) throws(RowProblem) -> SupportProgramme? {
        guard !cell.isLedgerBlank else { return nil }
        guard let programme = programmeByKey[cell.ledgerKey] else {
            let closest = ClosestNames.closest(to: cell.ledgerTrimmed, in: programmeIDs, limit: 3).joined(separator: ", ")
            throw RowProblem.cell(label, cell, "is not a programme of GeoData/programmes.csv (closest ids: \(closest))")
        }
        return programme
    }

    /// The company size a cell names, nil for a blank cell.
    func companySize(_ cell: String, label: String) throws(RowProblem) -> CompanySize? {
        guard !cell.isLedgerBlank else { return nil }
        guard let size = CompanySize(word: cell.ledgerCompact) else {
            throw RowProblem.cell(label, cell, "is not a company size (大企業, 中堅企業, 中小企業, 小規模事業者 or large, midsize, sme, small)")
        }
        return size
    }

    /// The strategic field id a cell names, nil for a blank cell.
    /// - Throws: `RowProblem` "LABEL: unknown strategic field 'X'".
    func field(_ cell: String, label: String) throws(RowProblem) -> String? {
        guard !cell.isLedgerBlank else { return nil }
        var key = cell.ledgerKey
        if let number = Int(key) { key = String(number) }  // "01" is field 1
        guard let id = fieldByKey[key] else {
            throw RowProblem("\(label): unknown strategic field '\(cell.ledgerTrimmed)'")
        }
        return id
    }

    /// The status a cell names; a blank cell means `planned` (a project enters the ledger when
    /// it is announced, before anything is built).
    /// - Throws: `RowProblem` for an unknown status.
    func status(_ cell: String, label: String) throws(RowProblem) -> ProjectStatus {
        guard !cell.isLedgerBlank else { return .planned }
        guard let status = Self.statusByKey[cell.ledgerKey] else {
            throw RowProblem.cell(label, cell, "is not a status (expected planned, under_construction, operating, withdrawn or 計画中, 建設中, 稼働中, 撤回)")
        }
        return status
    }
}
