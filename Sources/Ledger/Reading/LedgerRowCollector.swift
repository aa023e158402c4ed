import Foundation

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
        switch Self.prepare(row, build) {
        case .rejected(let id, let reason): reject(line: row.line, id: id, reason: reason)
        case .built(let id, let outcome): record(line: row.line, id: id, outcome)
        }
    }

    /// `collect` for many rows at once, in file order, the rows made and validated on every core
    /// (a million-row ledger spends most of its reading in validation, which is row by row and
    /// independent); only the check for repeated ids runs in order. What is recorded is exactly
    /// what `collect` row by row records.
    /// - Parameter parallel: false for a `build` that must stay on one thread (one that owns a
    ///   GEOS context).
    mutating func collect<Input: Sendable>(batch: [Input], parallel: Bool, row makeRow: @Sendable (Input) -> LedgerRow,
                                           _ build: @Sendable (String, LedgerRow) throws(RowProblem) -> Row) {
        guard !batch.isEmpty else { return }
        let workers = parallel ? min(ProcessInfo.processInfo.activeProcessorCount, max(1, batch.count / 256)) : 1
        var prepared = [(line: Int, outcome: Prepared)?](repeating: nil, count: batch.count)
        prepared.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes its own slice of the buffer.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = batch.count * worker / workers, end = batch.count * (worker + 1) / workers
                for index in start..<end {
                    let row = makeRow(batch[index])
                    slots[index] = (row.line, Self.prepare(row) { id throws(RowProblem) in try build(id, row) })
                }
            }
        }
        for case let (line, outcome)? in prepared {
            switch outcome {
            case .rejected(let id, let reason): reject(line: line, id: id, reason: reason)
            case .built(let id, let result): record(line: line, id: id, result)
            }
        }
    }

    /// What a row gives before its id is compared with the rows before it.
    private enum Prepared {
        case rejected(id: String?, reason: String)
        case built(id: String, Result<Row, RowProblem>)
    }

    /// The checks of one row that need no other row: its cells within their limits, an id, and
    /// the row `build` makes (or its problem).
    private static func prepare(_ row: LedgerRow, _ build: (String) throws(RowProblem) -> Row) -> Prepared {
        // Limits first: a cell over its limit is never quoted whole, not even as the id.
        for column in LedgerColumn.allCases {
            guard let cell = row.cells[column],
                  let problem = LedgerLimits.problem(in: cell.text, column: column, label: cell.label) else { continue }
            let id = row.cells[.id].flatMap { LedgerLimits.problem(in: $0.text, column: .id, label: $0.label) == nil ? row.text(.id) : nil }
            return .rejected(id: id, reason: problem)
        }
        let id = row.text(.id)
        guard !id.isEmpty else { return .rejected(id: nil, reason: "\(row.label(.id)): empty") }
        do {
            return .built(id: id, .success(try build(id)))
        } catch {
            return .built(id: id, .failure(error))
        }
    }

    /// Records a row that has an id: rejected when the id was seen on an earlier row, else as
    /// `outcome` says.
    private mutating func record(line: Int, id: String, _ outcome: Result<Row, RowProblem>) {
        if let first = firstLineByID[id] {
            reject(line: line, id: id, reason: "duplicate id \(id) (first on line \(first))")
            return
        }
        firstLineByID[id] = line
        switch outcome {
        case .success(let value): rows.append((line, value))
        case .failure(let problem): reject(line: line, id: id, reason: problem.reason)
        }
    }

    func result(encoding: LedgerTextEncoding?, ignoredColumns: [String]) -> LedgerReadResult<Row> {
        var result = LedgerReadResult(rows: rows, rejections: rejections, encoding: encoding, ignoredColumns: ignoredColumns)
        result.sheet = sheet
        return result
    }
}
