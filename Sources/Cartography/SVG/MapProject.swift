import GeoCore

/// One investment project drawn as a proportional symbol.
public struct MapProject: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Plan type id (A, B, C), nil for a programme's case that names none.
    public var plan: String?
    /// Strategic field id, if any.
    public var field: String?
    public var totalInvestmentJPY: Double?
    public var location: Coordinate
    /// The joined unit's prefecture (it decides which frame draws the project) and N03 unit.
    public var prefectureCode: String?
    public var wardCode: String?
    /// The project's status slug (tiles carry it).
    public var status: String?
    /// The programme category id, if any (colour by category).
    public var category: String?
    /// point, address or municipality: a municipality-precision case is drawn as such (dashed),
    /// never as if its point were exact.
    public var precision: String
    public var supportJPY: Double?
    public var company: String?
    public var companySize: String?
    public var programme: String?
    public var wageCommitmentPct: Double?

    public init(id: String, name: String, plan: String?, field: String?, totalInvestmentJPY: Double?, location: Coordinate,
                prefectureCode: String?, wardCode: String?, status: String? = nil, category: String? = nil, precision: String = "point") {
        self.status = status
        self.category = category
        self.precision = precision
        self.id = id
        self.name = name
        self.plan = plan
        self.field = field
        self.totalInvestmentJPY = totalInvestmentJPY
        self.location = location
        self.prefectureCode = prefectureCode
        self.wardCode = wardCode
    }
}
