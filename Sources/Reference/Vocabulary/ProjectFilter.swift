/// Which projects (and cluster sites) a statistic, query, map or tile counts. The one home of the
/// rule "withdrawn projects are left out unless asked for": the map shows where investment goes,
/// and a withdrawn project invests nothing. The store renders it as SQL, the in-memory checks
/// call `accepts`; both read `statuses`.
public struct ProjectFilter: Sendable, Hashable {
    public var plan: String?
    public var field: String?
    /// A support programme id (GeoData/programmes.csv); cluster sites have none and pass.
    public var programme: String?
    /// A programme category id (GeoData/programme_categories.csv); cluster sites pass.
    public var category: String?
    /// A company size slug (`CompanySize`); cluster sites pass.
    public var companySize: String?
    /// The statuses that pass.
    public var statuses: StatusSelection

    /// Which statuses pass a filter.
    public enum StatusSelection: Sendable, Hashable {
        /// One status (its slug, e.g. `operating`).
        case only(String)
        /// Every status, withdrawn too (`--status all`).
        case all
        /// Every status but this one: the default, `ProjectFilter.leftOutByDefault`.
        case allBut(String)
    }

    /// The status left out when none is asked for.
    public static let leftOutByDefault = ProjectStatus.withdrawn

    /// - Parameters:
    ///   - status: one status slug, or nil for the default (all but withdrawn, or every status
    ///     with `includeWithdrawn`).
    public init(plan: String? = nil, field: String? = nil, status: String? = nil, includeWithdrawn: Bool = false,
                programme: String? = nil, category: String? = nil, companySize: String? = nil) {
        self.plan = plan
        self.field = field
        self.programme = programme
        self.category = category
        self.companySize = companySize
        if let status {
            statuses = .only(status)
        } else {
            statuses = includeWithdrawn ? .all : .allBut(Self.leftOutByDefault.rawValue)
        }
    }

    /// The one status asked for, if any.
    public var status: String? {
        if case .only(let status) = statuses { status } else { nil }
    }

    /// Whether every status counts, withdrawn ones too.
    public var includeWithdrawn: Bool { statuses == .all }

    /// Whether a project or site with this status passes.
    public func accepts(status: String) -> Bool {
        switch statuses {
        case .only(let wanted): status == wanted
        case .all: true
        case .allBut(let leftOut): status != leftOut
        }
    }

    /// Whether a project or site passes: its plan, its field (one of a site's fields), its status.
    public func accepts(plan: String, fields: [String], status: String) -> Bool {
        if let wanted = self.plan, plan != wanted { return false }
        if let wanted = field, !fields.contains(wanted) { return false }
        return accepts(status: status)
    }
}
