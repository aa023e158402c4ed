/// The unit an investment amount is written in. Japanese tables state amounts in 円, 千円, 万円,
/// 百万円 or 億円 (and 兆円 for the largest plants); the unit comes from the header (投資額（億円）)
/// and a unit written in the cell (12億円) overrides it.
enum AmountUnit: Int, Sendable, Comparable {
    /// The power of ten of one unit in yen.
    case yen = 0
    case thousand = 3
    case tenThousand = 4
    case million = 6
    case tenMillion = 7
    case hundredMillion = 8
    case trillion = 12

    var exponent: Int { rawValue }

    static func < (lhs: AmountUnit, rhs: AmountUnit) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Unit words as written before 円, longest first so that 百万 is not read as 万.
    static let cellWords: [(word: String, unit: AmountUnit)] = [
        ("百万", .million), ("千万", .tenMillion), ("兆", .trillion), ("億", .hundredMillion),
        ("万", .tenThousand), ("千", .thousand),
    ]

    /// English amount headers (in `ledgerKey` form) by column. `amount*` is the total investment:
    /// the ledger's one amount before support existed, so old files still read.
    private static let englishHeaders: [LedgerColumn: [String: AmountUnit]] = [
        .totalInvestment: [
            "amount": .yen, "amount_jpy": .yen, "amount_yen": .yen,
            "amount_thousand_jpy": .thousand, "amount_million_jpy": .million, "amount_oku_jpy": .hundredMillion,
            "total_investment": .yen, "total_investment_jpy": .yen, "total_investment_million_jpy": .million,
            "total_investment_oku_jpy": .hundredMillion,
        ],
        .support: [
            "support": .yen, "support_jpy": .yen, "support_million_jpy": .million, "support_oku_jpy": .hundredMillion,
            "subsidy": .yen, "subsidy_jpy": .yen,
        ],
    ]

    /// Japanese amount header stems by column, longest first (設備投資額 before 投資額, 補助金額
    /// before 補助額).
    private static let japaneseHeaderStems: [LedgerColumn: [String]] = [
        .totalInvestment: ["総投資額", "総事業費", "設備投資額", "投資金額", "投資総額", "投資額", "事業費"],
        .support: ["補助金交付決定額", "交付決定額", "補助金額", "投資支援額", "支援金額", "補助額", "支援額", "採択額", "助成額"],
    ]

    /// A few header names of an amount column, for suggestions.
    static func headerExamples(for column: LedgerColumn) -> [String] {
        (englishHeaders[column]?.keys.sorted() ?? []) + (japaneseHeaderStems[column] ?? [])
    }

    /// The unit of an amount header of `column` in `ledgerKey` form: amount_jpy, 投資額,
    /// 投資額(億円), 支援額【百万円】, 総事業費_千円, 補助金額(単位:円) …; nil when the header is
    /// not an amount header of that column. A bare stem is in yen.
    static func headerUnit(_ key: String, for column: LedgerColumn) -> AmountUnit? {
        if let unit = englishHeaders[column]?[key] { return unit }
        guard let stem = japaneseHeaderStems[column]?.first(where: { key.hasPrefix($0) }) else { return nil }
        var rest = Substring(key.dropFirst(stem.count))
        rest = rest.drop { "_: ".contains($0) }
        let brackets: [(Character, Character)] = [("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕"), ("<", ">")]
        if let open = rest.first, let pair = brackets.first(where: { $0.0 == open }) {
            guard rest.last == pair.1, rest.count >= 2 else { return nil }
            rest = rest.dropFirst().dropLast()
        }
        if rest.hasPrefix("単位:") { rest = rest.dropFirst(3) }
        if rest.isEmpty { return .yen }
        guard rest.hasSuffix("円") else { return nil }
        let word = rest.dropLast()
        if word.isEmpty { return .yen }
        return cellWords.first { $0.word == word }?.unit
    }
}
