/// Reads an investment amount cell into yen.
///
/// A cell holds a number in the column's unit ("1,250" under 投資額（百万円）) or states its own
/// unit, which wins: "12億円", "350百万円", "1.5億", "1,000円", and the compound forms of the
/// press such as "1兆2000億円" or "12億5000万円" (units in decreasing order). The result is exact
/// and rounded half up to the yen. Negative amounts are refused: a ledger records investments made.
enum AmountText {
    /// The amount in yen, nil for a blank cell.
    /// - Throws: `RowProblem` naming `label` and the cell for text that is not an amount, is
    ///   negative, or does not fit in 64 bits.
    static func yen(_ cell: String, columnUnit: AmountUnit, label: String) throws(RowProblem) -> Int64? {
        guard !cell.isLedgerBlank else { return nil }
        let notANumber = RowProblem.cell(label, cell, "is not a number")
        let compact = cell.ledgerCompact
        // Plain digits in the column's unit, as machine-written ledgers have them: no unit words
        // to look for (the same value the general path below gives).
        if compact.utf8.count <= 18, compact.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
           let number = DecimalText(Substring(compact)) {
            guard let yen = number.magnitude(scaledBy: columnUnit.exponent) else { throw RowProblem.cell(label, cell, "is too large") }
            return yen
        }
        var rest = Substring(compact)
        var statesYen = false
        if rest.hasSuffix("円") {
            rest = rest.dropLast()
            statesYen = true
        }
        var isNegative = false
        if let first = rest.first, DecimalText.minusSigns.contains(first) {
            isNegative = true
            rest = rest.dropFirst()
        } else if rest.first == "+" {
            rest = rest.dropFirst()
        }

        var terms: [(number: DecimalText, unit: AmountUnit?)] = []
        while !rest.isEmpty {
            let end = rest.firstIndex { !(("0"..."9").contains($0) || $0 == "," || $0 == ".") } ?? rest.endIndex
            guard let number = DecimalText(rest[..<end]), !number.isNegative else { throw notANumber }
            rest = rest[end...]
            var unit: AmountUnit?
            if let word = AmountUnit.cellWords.first(where: { rest.hasPrefix($0.word) }) {
                unit = word.unit
                rest = rest.dropFirst(word.word.count)
            }
            terms.append((number, unit))
        }
        guard !terms.isEmpty else { throw notANumber }
        if isNegative { throw RowProblem.cell(label, cell, "is negative") }

        let scaled: [(DecimalText, AmountUnit)]
        if terms.count == 1 {
            scaled = [(terms[0].number, terms[0].unit ?? (statesYen ? .yen : columnUnit))]
        } else {
            // 12億5000万(円): every term but the last names its unit, units decrease.
            var units: [AmountUnit] = []
            for (position, term) in terms.enumerated() {
                guard let unit = term.unit ?? (position == terms.count - 1 ? .yen : nil) else { throw notANumber }
                if let previous = units.last, unit >= previous { throw notANumber }
                units.append(unit)
            }
            scaled = zip(terms.map(\.number), units).map { ($0, $1) }
        }
        var total: Int64 = 0
        for (number, unit) in scaled {
            guard let yen = number.magnitude(scaledBy: unit.exponent) else {
                throw RowProblem.cell(label, cell, "is too large")
            }
            let (sum, overflow) = total.addingReportingOverflow(yen)
            guard !overflow else { throw RowProblem.cell(label, cell, "is too large") }
            total = sum
        }
        return total
    }
}
