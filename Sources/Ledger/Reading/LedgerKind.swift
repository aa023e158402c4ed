/// Which ledger table a file holds: investment projects or cluster sites. Decides which columns
/// are understood and which are required.
enum LedgerKind: Sendable {
    case projects
    case sites

    /// The columns this table understands.
    var columns: Set<LedgerColumn> {
        switch self {
        case .projects: [.id, .name, .plan, .field, .amount, .jobs, .status, .announced, .lon, .lat, .code, .source]
        case .sites: [.id, .name, .plan, .fields, .status, .lon, .lat, .wkt]
        }
    }

    /// Columns a CSV header must have (sites need lon/lat only when there is no wkt column;
    /// `LedgerHeader` checks that).
    var requiredColumns: [LedgerColumn] {
        switch self {
        case .projects: [.id, .name, .plan, .lon, .lat]
        case .sites: [.id, .name, .plan]
        }
    }
}
