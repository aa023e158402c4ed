/// Why one row was rejected, as the one sentence `LedgerRejection.reason` carries. Thrown by the
/// row validators and caught by the readers, never seen outside the module.
struct RowProblem: Error, Sendable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }

    /// "LABEL: 'VALUE' PROBLEM", the common shape of a cell problem.
    static func cell(_ label: String, _ value: String, _ problem: String) -> RowProblem {
        RowProblem("\(label): '\(value.ledgerQuotable)' \(problem)")
    }
}
