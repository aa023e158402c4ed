
/// Which projects a query or a map counts, as the user wrote it (`--plan/--field/--status`, the
/// HTTP service's `plan`, `field`, `status`, a map spec's `filters`): checked the same way for all.
public struct ProjectFilterInput: Sendable, Hashable {
    public var plan: String?
    public var field: String?
    /// A project status, `all` (withdrawn ones too) or nil (all but withdrawn).
    public var status: String?

    public init(plan: String? = nil, field: String? = nil, status: String? = nil) {
        self.plan = plan
        self.field = field
        self.status = status
    }

    /// The checks that need no reference table: plan and status.
    public func checkPlanAndStatus() throws(QueryInputError) {
        if let plan, !["A", "B", "C"].contains(plan) {
            throw QueryInputError(parameter: "plan", reason: "must be A, B or C, got '\(plan)'")
        }
        if let status, status != "all", ProjectStatus(rawValue: status) == nil {
            throw QueryInputError(parameter: "status", reason: "must be all or one of \(ProjectStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(status)'")
        }
    }

    /// The store's filter, the field checked against the strategic fields (the closest ones suggested).
    public func filter(strategicFields: [String]) throws(QueryInputError) -> ProjectFilter {
        try checkPlanAndStatus()
        if let field, !strategicFields.contains(field) {
            throw QueryInputError(parameter: "field", reason: "unknown strategic field '\(field)' (closest: \(ClosestNames.closest(to: field, in: strategicFields, limit: 3).joined(separator: ", ")))")
        }
        return storeFilter
    }

    /// The store's filter of values already checked (`all`: every status, withdrawn ones too).
    public var storeFilter: ProjectFilter {
        ProjectFilter(plan: plan, field: field, status: status == "all" ? nil : status, includeWithdrawn: status == "all")
    }
}
