/// The size class of the company a case supports, as the programmes classify applicants. Stored
/// and filtered by the slug; shown in Japanese.
public enum CompanySize: String, CaseIterable, Sendable, Codable {
    /// 大企業
    case large
    /// 中堅企業 (the 2024 definition: up to 2,000 employees, not an SME)
    case midsize
    /// 中小企業
    case sme
    /// 小規模事業者
    case small

    /// The Japanese name lists and maps use.
    public var japaneseName: String {
        switch self {
        case .large: "大企業"
        case .midsize: "中堅企業"
        case .sme: "中小企業"
        case .small: "小規模事業者"
        }
    }

    /// The size a word names: the slug, the Japanese name, or the common variants (中小, 小規模,
    /// 中堅); nil for anything else. `word` is compared as given (callers normalise it).
    public init?(word: String) {
        if let size = CompanySize(rawValue: word.lowercased()) {
            self = size
            return
        }
        switch word {
        case "大企業", "大", "みなし大企業": self = .large
        case "中堅企業", "中堅": self = .midsize
        case "中小企業", "中小", "中小企業者": self = .sme
        case "小規模事業者", "小規模", "小規模企業", "小規模企業者": self = .small
        default: return nil
        }
    }
}

/// How exactly a case's point is known: its own coordinates (`point`), its address geocoded to
/// the 町丁目/大字 (`address`), or only its municipality (`municipality`: drawn at a
/// representative point inside the unit, never presented as exact).
public enum LocationPrecision: String, CaseIterable, Sendable, Codable {
    case point
    case address
    case municipality

    /// How a map's legend or a call-out says it.
    public var japaneseName: String {
        switch self {
        case .point: "座標"
        case .address: "所在地（町丁目・大字）"
        case .municipality: "市区町村（代表点）"
        }
    }
}
