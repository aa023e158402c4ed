/// Reads an announcement date into ISO 8601 (YYYY-MM-DD).
///
/// Accepted (after NFKC, so full-width digits are fine): 2025-04-01, 2025/4/1, 2025.4.1,
/// 2025年4月1日, and the Japanese eras 令和 (令和元年 = 2019, from 1 May 2019) and 平成
/// (平成元年 = 1989, to 30 April 2019), e.g. 令和7年4月1日. The day must exist: 2025-02-30 is refused; so is a year before 1900 or after 2100.
enum AnnouncementDate {
    /// The ISO date, nil for a blank cell.
    /// - Throws: `RowProblem` naming `label` and the cell when the text is not a date in one of
    ///   the forms above or the date does not exist.
    static func iso(_ cell: String, label: String) throws(RowProblem) -> String? {
        guard !cell.isLedgerBlank else { return nil }
        let text = cell.ledgerCompact
        guard let (year, month, day) = parts(text) else {
            throw RowProblem.cell(label, cell, "is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 or 令和N年M月D日)")
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            throw RowProblem.cell(label, cell, "is not a valid date")
        }
        // A ledger of current investment plans has no date outside this range; one there is a
        // typo (1025, 2205) or a spreadsheet's serial-number mishap.
        guard (1900...2100).contains(year) else {
            throw RowProblem.cell(label, cell, "is outside the plausible range 1900-01-01 to 2100-12-31")
        }
        let iso = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        if text.hasPrefix("令和"), iso < "2019-05-01" {
            throw RowProblem.cell(label, cell, "is before 令和 began (2019-05-01)")
        }
        if text.hasPrefix("平成"), iso > "2019-04-30" || iso < "1989-01-08" {
            throw RowProblem.cell(label, cell, "is outside 平成 (1989-01-08 to 2019-04-30)")
        }
        return iso
    }

    /// Year, month and day numbers of a date in one of the accepted forms.
    private static func parts(_ text: String) -> (Int, Int, Int)? {
        for era in eras where text.hasPrefix(era.name) {
            var rest = Substring(text.dropFirst(era.name.count))
            let eraYear: Int
            if rest.hasPrefix("元") {
                eraYear = 1
                rest = rest.dropFirst()
            } else {
                guard let number = leadingNumber(&rest, maxDigits: 2), number >= 1 else { return nil }
                eraYear = number
            }
            guard rest.hasPrefix("年") else { return nil }
            rest = rest.dropFirst()
            guard let (month, day) = monthAndDay(&rest, separators: ("月", "日")) else { return nil }
            return (era.firstYear + eraYear - 1, month, day)
        }
        var rest = Substring(text)
        guard let year = leadingNumber(&rest, maxDigits: 4, minDigits: 4), let separator = rest.first else { return nil }
        rest = rest.dropFirst()
        switch separator {
        case "-", "/", ".":
            guard let number = leadingNumber(&rest, maxDigits: 2), rest.first == separator else { return nil }
            rest = rest.dropFirst()
            guard let day = leadingNumber(&rest, maxDigits: 2), rest.isEmpty else { return nil }
            return (year, number, day)
        case "年":
            guard let (month, day) = monthAndDay(&rest, separators: ("月", "日")) else { return nil }
            return (year, month, day)
        default:
            return nil
        }
    }

    private static let eras: [(name: String, firstYear: Int)] = [("令和", 2019), ("平成", 1989)]

    /// "4月1日" at the start of `rest`, which must then be used up.
    private static func monthAndDay(_ rest: inout Substring, separators: (Character, Character)) -> (Int, Int)? {
        guard let month = leadingNumber(&rest, maxDigits: 2), rest.first == separators.0 else { return nil }
        rest = rest.dropFirst()
        guard let day = leadingNumber(&rest, maxDigits: 2), rest.first == separators.1 else { return nil }
        rest = rest.dropFirst()
        return rest.isEmpty ? (month, day) : nil
    }

    /// Removes and returns the ASCII digits at the start of `rest`.
    private static func leadingNumber(_ rest: inout Substring, maxDigits: Int, minDigits: Int = 1) -> Int? {
        let digits = rest.prefix { ("0"..."9").contains($0) }
        guard (minDigits...maxDigits).contains(digits.count) else { return nil }
        rest = rest.dropFirst(digits.count)
        return Int(digits)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
