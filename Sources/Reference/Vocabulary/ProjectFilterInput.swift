
/// Which projects a query or a map counts, as the user wrote it (`--plan/--field/--status`, the
/// HTTP service's `plan`, `field`, `status`, a map spec's `filters`): checked the same way for all.
public struct ProjectFilterInput: Sendable, Hashable {
    public var plan: String?
    public var field: String?
    /// A project status, `all` (withdrawn ones too) or nil (all but withdrawn).
    public var status: String?
    /// A support programme id.
    public var programme: String?
    /// A programme category id.
    public var category: String?
    /// A company size: its slug (sme) or Japanese name (中小企業).
    public var companySize: String?

    public init(plan: String? = nil, field: String? = nil, status: String? = nil,
                programme: String? = nil, category: String? = nil, companySize: String? = nil) {
        self.plan = plan
        self.field = field
        self.status = status
        self.programme = programme
        self.category = category
        self.companySize = companySize
    }

    /// The filter as one string, for cache keys: equal exactly when the filters are.
    public var cacheKey: String {
        [plan, field, status, programme, category, companySizeSlug].map { $0 ?? "" }.joined(separator: "|")
    }

    /// The company size as its slug (中小企業 → sme), as answers echo it; as given when it is
    /// not one (the checks reject it).
    public var companySizeSlug: String? {
        companySize.map { CompanySize(word: $0)?.rawValue ?? $0 }
    }

    /// The checks that need no reference table: plan, status and company size.
    public func checkPlanAndStatus() throws(QueryInputError) {
        if let companySize, CompanySize(word: companySize) == nil {
            throw QueryInputError(parameter: "company_size", reason: "must be one of \(CompanySize.allCases.map { "\($0.rawValue) (\($0.japaneseName))" }.joined(separator: ", ")), got '\(companySize)'")
        }
        if let plan, !["A", "B", "C"].contains(plan) {
            throw QueryInputError(parameter: "plan", reason: "must be A, B or C, got '\(plan)'")
        }
        if let status, status != "all", ProjectStatus(rawValue: status) == nil {
            throw QueryInputError(parameter: "status", reason: "must be all or one of \(ProjectStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(status)'")
        }
    }

    /// The store's filter, the field, programme and category checked against the reference
    /// tables (the closest names suggested).
    public func filter(reference: ReferenceTables) throws(QueryInputError) -> ProjectFilter {
        try checkPlanAndStatus()
        func check(_ value: String?, _ parameter: String, _ what: String, _ known: [String]) throws(QueryInputError) {
            guard let value, !known.contains(value) else { return }
            throw QueryInputError(parameter: parameter, reason: "unknown \(what) '\(value)' (closest: \(ClosestNames.closest(to: value, in: known, limit: 3).joined(separator: ", ")))")
        }
        try check(field, "field", "strategic field", reference.strategicFields.map(\.id))
        try check(programme, "programme", "programme", reference.programmes.map(\.id))
        try check(category, "category", "programme category", reference.programmeCategories.map(\.id))
        return storeFilter
    }

    /// The store's filter of values already checked (`all`: every status, withdrawn ones too).
    public var storeFilter: ProjectFilter {
        ProjectFilter(plan: plan, field: field, status: status == "all" ? nil : status, includeWithdrawn: status == "all",
                      programme: programme, category: category, companySize: companySize.flatMap { CompanySize(word: $0)?.rawValue })
    }
}
