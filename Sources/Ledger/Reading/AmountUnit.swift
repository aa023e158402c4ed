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

    /// English amount headers (in `ledgerKey` form).
    private static let englishHeaders: [String: AmountUnit] = [
        "amount": .yen, "amount_jpy": .yen, "amount_yen": .yen,
        "amount_thousand_jpy": .thousand, "amount_million_jpy": .million, "amount_oku_jpy": .hundredMillion,
    ]

    /// Japanese amount headers, longest first (設備投資額 before 投資額).
    private static let japaneseHeaderStems = ["設備投資額", "投資金額", "投資額"]

    /// The unit of an amount header in `ledgerKey` form: amount_jpy, amount_oku_jpy, 投資額,
    /// 投資額(億円), 投資額【百万円】, 投資額_千円, 投資額(単位:億円) …; nil when the header is not an
    /// amount header. A bare 投資額 is in yen.
    static func headerUnit(_ key: String) -> AmountUnit? {
        if let unit = englishHeaders[key] { return unit }
        guard let stem = japaneseHeaderStems.first(where: { key.hasPrefix($0) }) else { return nil }
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
