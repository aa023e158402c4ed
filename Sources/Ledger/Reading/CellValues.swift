import Reference

/// Parsers for the ledger's small cell values: jobs, coordinates and municipality codes. Each
/// takes the cell as written and the column's label, and throws a `RowProblem` naming both.
enum CellValues {
    /// Jobs created, nil for a blank cell. Thousands separators and a trailing 人 or 名 are
    /// accepted ("1,200人").
    static func jobs(_ cell: String, label: String) throws(RowProblem) -> Int? {
        guard !cell.isLedgerBlank else { return nil }
        var text = Substring(cell.ledgerCompact)
        if text.hasSuffix("人") || text.hasSuffix("名") { text = text.dropLast() }
        guard let number = DecimalText(text) else { throw RowProblem.cell(label, cell, "is not a number") }
        guard !number.isNegative else { throw RowProblem.cell(label, cell, "is negative") }
        guard number.isWhole else { throw RowProblem.cell(label, cell, "is not a whole number") }
        guard let value = number.magnitude(scaledBy: 0), let jobs = Int(exactly: value) else {
            throw RowProblem.cell(label, cell, "is too large")
        }
        return jobs
    }

    /// A percentage such as a wage commitment ("3", "3.5%", "３．５％"), nil for a blank cell;
    /// it must lie in `range`.
    static func percent(_ cell: String, label: String, range: ClosedRange<Double>) throws(RowProblem) -> Double? {
        guard !cell.isLedgerBlank else { return nil }
        var text = Substring(cell.ledgerCompact)
        if text.hasSuffix("%") { text = text.dropLast() }
        if text.hasPrefix("年平均") { text = text.dropFirst(3) }
        guard let number = DecimalText(text) else { throw RowProblem.cell(label, cell, "is not a number") }
        let value = number.doubleValue
        guard range.contains(value) else {
            throw RowProblem.cell(label, cell, "is outside \(Int(range.lowerBound))–\(Int(range.upperBound)) %")
        }
        return value
    }

    /// A longitude or latitude in decimal degrees.
    static func degrees(_ cell: String, label: String) throws(RowProblem) -> Double {
        let text = cell.ledgerCompact
        guard !text.isEmpty else { throw RowProblem("\(label): empty") }
        guard let number = DecimalText(Substring(text)), !number.integerDigits.isEmpty else {
            throw RowProblem.cell(label, cell, "is not a number")
        }
        return number.doubleValue
    }

    /// The declared municipality code, nil for a blank cell: 5 digits, or 6 whose last is the
    /// check digit (validated by `MunicipalityCode`).
    static func municipalityCode(_ cell: String, label: String) throws(RowProblem) -> MunicipalityCode? {
        guard !cell.isLedgerBlank else { return nil }
        let text = cell.ledgerNormalized
        do {
            return try MunicipalityCode(text)
        } catch MunicipalityCodeError.wrongCheckDigit(_, let given, let expected) {
            throw RowProblem.cell(label, cell, "has check digit \(given), expected \(expected) (\(text.prefix(5))\(expected))")
        } catch {
            var problem = "is not a municipality code (5 digits, or 6 with the check digit)"
            if text.count == 4, text.allSatisfy({ ("0"..."9").contains($0) }) {
                // Excel drops the leading zero of 北海道's 01xxx codes when a column is numeric.
                problem += "; was a leading zero lost (0\(text))?"
            }
            throw RowProblem.cell(label, cell, problem)
        }
    }
}
