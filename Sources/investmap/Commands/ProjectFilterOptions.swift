import ArgumentParser
import BoundaryStore
import Ledger
import Reference

/// `--plan`, `--field`, `--status` and `--edition`: which projects a statistic counts, shared by
/// `stats` and `classify` so both read and check them the same way.
struct ProjectFilterOptions: ParsableArguments {
    @Option(help: "Only projects of this plan type: A, B or C.")
    var plan: String?

    @Option(help: "Only projects of this strategic field (its id, e.g. ai_semiconductors).")
    var field: String?

    @Option(help: "Only projects with this status: planned, under_construction, operating or withdrawn; all for every status (default: all but withdrawn).")
    var status: String?

    @Option(help: "The edition (default: the latest published edition, else the latest draft).")
    var edition: String?

    func validate() throws {
        if let plan, !["A", "B", "C"].contains(plan) { throw ValidationError("--plan must be A, B or C, got '\(plan)'") }
        if let status, status != "all", ProjectStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(ProjectStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(status)'")
        }
    }

    /// The filter, its field checked against the strategic fields (the closest ones suggested).
    func filter() throws -> ProjectFilter {
        if let field {
            let known = try ReferenceTables.loadFromDefaultLocation().strategicFields.map(\.id)
            guard known.contains(field) else {
                throw CLIError("--field: unknown strategic field '\(field)' (closest: \(ClosestNames.closest(to: field, in: known, limit: 3).joined(separator: ", ")))")
            }
        }
        return ProjectFilter(plan: plan, field: field, status: status == "all" ? nil : status, includeWithdrawn: status == "all")
    }

    /// The edition asked for, or the default one (`StatsCommand.edition`).
    func editionName(in store: BoundaryStore) throws -> String {
        try StatsCommand.edition(edition, in: store)
    }
}
