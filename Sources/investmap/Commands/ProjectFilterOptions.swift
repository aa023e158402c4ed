import ArgumentParser
import BoundaryStore
import Reference

/// `--plan`, `--field`, `--status`, `--programme`, `--category`, `--company-size` and `--edition`: which projects a statistic counts, shared by
/// `stats` and `classify` so both read and check them the same way.
struct ProjectFilterOptions: ParsableArguments {
    @Option(help: "Only projects of this plan type: A, B or C.")
    var plan: String?

    @Option(help: "Only projects of this strategic field (its id, e.g. ai_semiconductors).")
    var field: String?

    @Option(help: "Only projects with this status: planned, under_construction, operating or withdrawn; all for every status (default: all but withdrawn).")
    var status: String?

    @Option(help: "Only cases of this support programme (its id in GeoData/programmes.csv, e.g. labour_saving_investment).")
    var programme: String?

    @Option(help: "Only cases whose programme is in this map category (its id in GeoData/programme_categories.csv).")
    var category: String?

    @Option(help: "Only cases of companies of this size: large (大企業), midsize (中堅企業), sme (中小企業) or small (小規模事業者).")
    var companySize: String?

    @Option(help: "The edition (default: the latest published edition, else the latest draft).")
    var edition: String?

    /// The options as the query layer takes them.
    var input: ProjectFilterInput {
        ProjectFilterInput(plan: plan, field: field, status: status, programme: programme, category: category, companySize: companySize)
    }

    func validate() throws {
        do { try input.checkPlanAndStatus() } catch { throw ValidationError(error.optionDescription) }
    }

    /// The filter, its field, programme and category checked against the reference tables (the
    /// closest names suggested).
    func filter() throws -> ProjectFilter {
        let reference = try ReferenceTables.loadFromDefaultLocation()
        do { return try input.filter(reference: reference) } catch { throw CLIError(error.optionDescription) }
    }

    /// The edition asked for, or the default one (`BoundaryStore.resolveEdition`).
    func edition(in store: BoundaryStore) throws -> Edition {
        try store.resolveEdition(edition)
    }
}
