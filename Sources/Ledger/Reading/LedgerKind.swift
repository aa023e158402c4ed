/// Which ledger table a file holds: investment projects or cluster sites. Decides which columns
/// are understood and which are required.
enum LedgerKind: Sendable {
    case projects
    case sites

    /// The columns this table understands.
    var columns: Set<LedgerColumn> {
        switch self {
        case .projects: [.id, .name, .plan, .field, .company, .companySize, .programme, .support, .totalInvestment, .jobs,
                         .wageCommitment, .budget, .adopted, .status, .announced, .address, .locationPrecision, .prefecture, .municipality,
                         .lon, .lat, .code, .source]
        case .sites: [.id, .name, .plan, .fields, .status, .lon, .lat, .wkt]
        }
    }

    /// Columns a CSV header must have; the alternatives (a plan or a programme, one of the
    /// ways to locate a row, a site's wkt or lon/lat) are `LedgerHeader.missingColumns`'.
    var requiredColumns: [LedgerColumn] {
        switch self {
        case .projects: [.id, .name]
        case .sites: [.id, .name, .plan]
        }
    }
}
