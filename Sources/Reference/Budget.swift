/// The budget a case was adopted under: a fiscal year's initial budget (当初予算) or its
/// supplementary budget (補正予算). Written `FY2023-supplementary` / `FY2025-initial` in the
/// store, the CLI and GeoData/programmes.csv; read from the forms the lists use (令和5年度補正,
/// R5補正, 2023年度補正予算, FY2023 supplementary) by the ledger reader.
public struct Budget: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case initial
        case supplementary
    }

    /// The fiscal year (April to March) by the year it starts in: 令和5年度 is 2023.
    public let fiscalYear: Int
    public let kind: Kind

    public init(fiscalYear: Int, kind: Kind) {
        self.fiscalYear = fiscalYear
        self.kind = kind
    }

    /// Parses the canonical form `FY2023-supplementary`; nil for anything else.
    public init?(id: String) {
        guard id.hasPrefix("FY"), let dash = id.firstIndex(of: "-"),
              let year = Int(id[id.index(id.startIndex, offsetBy: 2)..<dash]), (1989...2100).contains(year),
              let kind = Kind(rawValue: String(id[id.index(after: dash)...])) else { return nil }
        self.init(fiscalYear: year, kind: kind)
    }

    /// `FY2023-supplementary`.
    public var id: String { "FY\(fiscalYear)-\(kind.rawValue)" }

    public var description: String { id }

    /// As Japanese documents write it: 令和5年度補正 / 令和7年度当初.
    public var japaneseName: String {
        let era = fiscalYear >= 2019 ? "令和\(fiscalYear == 2019 ? "元" : String(fiscalYear - 2018))" : "平成\(fiscalYear - 1988)"
        return "\(era)年度\(kind == .supplementary ? "補正" : "当初")"
    }

    /// Earlier years first; a year's initial budget before its supplementary one.
    public static func < (lhs: Budget, rhs: Budget) -> Bool {
        (lhs.fiscalYear, lhs.kind == .supplementary ? 1 : 0) < (rhs.fiscalYear, rhs.kind == .supplementary ? 1 : 0)
    }
}
