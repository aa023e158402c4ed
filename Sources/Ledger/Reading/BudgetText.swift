import Reference

/// Reads the budget a case was adopted under into a `Budget`, from the forms the lists use:
/// 令和5年度補正, 令和5年度補正予算, R5補正, R5年度当初, 2023年度補正, 平成30年度補正 and the canonical
/// FY2023-supplementary (after NFKC, so full-width digits are fine). A year without 補正 or 当初
/// is the initial budget only when it says 当初; "令和5年度" alone is ambiguous and refused.
enum BudgetText {
    /// The budget, nil for a blank cell.
    /// - Throws: `RowProblem` naming `label` and the cell.
    static func budget(_ cell: String, label: String) throws(RowProblem) -> Budget? {
        guard !cell.isLedgerBlank else { return nil }
        let text = cell.ledgerNormalized.filter { $0 != " " && $0 != "　" }
        if let budget = Budget(id: text) ?? Budget(id: text.replacingOccurrences(of: "_", with: "-")) { return budget }
        let upper = text.uppercased()
        var rest = Substring(upper)
        var year: Int?
        func number() -> Int? {
            let digits = rest.prefix { ("0"..."9").contains($0) }
            rest = rest.dropFirst(digits.count)
            return Int(digits)
        }
        if rest.hasPrefix("令和") || rest.hasPrefix("R") {
            rest = rest.dropFirst(rest.hasPrefix("令和") ? 2 : 1)
            if rest.hasPrefix("元") {
                rest = rest.dropFirst()
                year = 2019
            } else if let n = number() {
                year = 2018 + n
            }
        } else if rest.hasPrefix("平成") || rest.hasPrefix("H") {
            rest = rest.dropFirst(rest.hasPrefix("平成") ? 2 : 1)
            year = number().map { 1988 + $0 }
        } else if rest.hasPrefix("FY") {
            rest = rest.dropFirst(2)
            year = number()
        } else {
            year = number()
        }
        for suffix in ["年度", "年"] where rest.hasPrefix(suffix) {
            rest = rest.dropFirst(suffix.count)
            break
        }
        let kind: Budget.Kind?
        switch rest {
        case "補正", "補正予算", "SUPPLEMENTARY", "-SUPPLEMENTARY", "S": kind = .supplementary
        case "当初", "当初予算", "本予算", "INITIAL", "-INITIAL": kind = .initial
        default: kind = nil
        }
        guard let year, (1989...2100).contains(year), let kind else {
            throw RowProblem.cell(label, cell, "is not a budget (令和5年度補正, 令和7年度当初, FY2023-supplementary)")
        }
        return Budget(fiscalYear: year, kind: kind)
    }
}
