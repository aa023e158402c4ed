/// Gathers the outcome of every row of one file, in file order: accepted rows, rejections, and
/// the first line of every id seen, so a repeated id is rejected on its later rows.
struct LedgerRowCollector<Row: Sendable> {
    let file: String
    /// The worksheet the rows come from (spreadsheets), named in every rejection.
    var sheet: String?
    private(set) var rows: [(line: Int, value: Row)] = []
    private(set) var rejections: [LedgerRejection] = []
    /// Every id read from a row, accepted or not: an id used by a rejected row is still taken, so
    /// fixing that row later does not turn into a new duplicate.
    private var firstLineByID: [String: Int] = [:]

    init(file: String) {
        self.file = file
    }

    mutating func reject(line: Int, id: String?, reason: String) {
        rejections.append(LedgerRejection(file: file, line: line, id: id.flatMap { $0.isEmpty ? nil : $0 }, reason: reason, sheet: sheet))
    }

    /// Checks the row's id (present, not seen before), then calls `build` with it and records
    /// the row or the problem `build` threw.
    mutating func collect(row: LedgerRow, _ build: (String) throws(RowProblem) -> Row) {
        // Limits first: a cell over its limit is never quoted whole, not even as the id.
        for column in LedgerColumn.allCases {
            guard let cell = row.cells[column],
                  let problem = LedgerLimits.problem(in: cell.text, column: column, label: cell.label) else { continue }
            let id = row.cells[.id].flatMap { LedgerLimits.problem(in: $0.text, column: .id, label: $0.label) == nil ? row.text(.id) : nil }
            reject(line: row.line, id: id, reason: problem)
            return
        }
        let id = row.text(.id)
        guard !id.isEmpty else {
            reject(line: row.line, id: nil, reason: "\(row.label(.id)): empty")
            return
        }
        if let first = firstLineByID[id] {
            reject(line: row.line, id: id, reason: "duplicate id \(id) (first on line \(first))")
            return
        }
        firstLineByID[id] = row.line
        do {
            rows.append((row.line, try build(id)))
        } catch {
            reject(line: row.line, id: id, reason: error.reason)
        }
    }

    func result(encoding: LedgerTextEncoding?, ignoredColumns: [String]) -> LedgerReadResult<Row> {
        var result = LedgerReadResult(rows: rows, rejections: rejections, encoding: encoding, ignoredColumns: ignoredColumns)
        result.sheet = sheet
        return result
    }
}
