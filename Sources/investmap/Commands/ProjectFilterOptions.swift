import ArgumentParser
import BoundaryStore
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

    /// The options as the query layer takes them.
    var input: ProjectFilterInput { ProjectFilterInput(plan: plan, field: field, status: status) }

    func validate() throws {
        do { try input.checkPlanAndStatus() } catch { throw ValidationError(error.optionDescription) }
    }

    /// The filter, its field checked against the strategic fields (the closest ones suggested).
    func filter() throws -> ProjectFilter {
        let fields = field == nil ? [] : try ReferenceTables.loadFromDefaultLocation().strategicFields.map(\.id)
        do { return try input.filter(strategicFields: fields) } catch { throw CLIError(error.optionDescription) }
    }

    /// The edition asked for, or the default one (`BoundaryStore.resolveEdition`).
    func edition(in store: BoundaryStore) throws -> Edition {
        try store.resolveEdition(edition)
    }
}
