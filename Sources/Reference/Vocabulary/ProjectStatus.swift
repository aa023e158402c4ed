/// Where an investment project stands. Written in the ledger as the English slug; the readers also
/// accept the Japanese terms government spreadsheets use.
public enum ProjectStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case planned
    case underConstruction = "under_construction"
    case operating
    case withdrawn

    /// The Japanese label shown on maps and in reports.
    public var japaneseName: String {
        switch self {
        case .planned: "計画中"
        case .underConstruction: "建設中"
        case .operating: "稼働中"
        case .withdrawn: "撤回"
        }
    }
}
