import GeoCore
import Reference

/// What one case (an adopted investment-support case, 採択案件, or an announced project) of the
/// ledger is, apart from where it is: as validated from one input row.
public struct ProjectAttributes: Sendable, Hashable {
    /// Unique within an edition.
    public var id: String
    /// What is invested in (事業名, 事業計画名).
    public var name: String
    /// Plan type id: "A", "B" or "C" (GeoData/plan_types.csv); nil for a programme's case that names none.
    public var plan: String?
    /// Strategic field id (GeoData/strategic_fields.csv slug); required for plan A, optional otherwise.
    public var field: String?
    /// The company (事業者名), nil when not given.
    public var company: String?
    public var companySize: CompanySize?
    /// The support programme id (GeoData/programmes.csv), nil when not given.
    public var programme: String?
    /// The programme's map category, taken from the programmes table when the case is read (a
    /// published edition keeps the categories it was published with).
    public var category: String?
    /// Support granted (支援額, 補助金額), yen.
    public var supportJPY: Int64?
    /// Total investment, private share included (総投資額, 総事業費), yen; the one amount of the
    /// ledger before support existed (`amount_jpy`).
    public var totalInvestmentJPY: Int64?
    /// Jobs created.
    public var jobs: Int?
    /// The committed average yearly wage increase (年平均賃上げ率), percent, 0–50.
    public var wageCommitmentPct: Double?
    /// The budget the case was adopted under.
    public var budget: Budget?
    /// Adoption date (採択日), ISO 8601.
    public var adopted: String?
    public var status: ProjectStatus
    /// Announcement date, ISO 8601 (YYYY-MM-DD), nil when not given.
    public var announced: String?
    /// The address as written (所在地), nil when not given.
    public var address: String?
    /// The municipality code the source declared, if any (checked against the location by the join).
    public var declaredCode: MunicipalityCode?
    /// Where the row came from: a URL or a note.
    public var source: String?

    public init(id: String, name: String, plan: String?, field: String? = nil, company: String? = nil, companySize: CompanySize? = nil,
                programme: String? = nil, category: String? = nil, supportJPY: Int64? = nil, totalInvestmentJPY: Int64? = nil,
                jobs: Int? = nil, wageCommitmentPct: Double? = nil, budget: Budget? = nil, adopted: String? = nil,
                status: ProjectStatus = .planned, announced: String? = nil, address: String? = nil,
                declaredCode: MunicipalityCode? = nil, source: String? = nil) {
        self.id = id
        self.name = name
        self.plan = plan
        self.field = field
        self.company = company
        self.companySize = companySize
        self.programme = programme
        self.category = category
        self.supportJPY = supportJPY
        self.totalInvestmentJPY = totalInvestmentJPY
        self.jobs = jobs
        self.wageCommitmentPct = wageCommitmentPct
        self.budget = budget
        self.adopted = adopted
        self.status = status
        self.announced = announced
        self.address = address
        self.declaredCode = declaredCode
        self.source = source
    }
}

/// One case of the ledger, located: its attributes (read through, `project.name`), its point and
/// how exactly that point is known. The canonical CSV header is in `LedgerColumn`.
@dynamicMemberLookup
public struct InvestmentProject: Sendable, Hashable {
    public var attributes: ProjectAttributes
    /// lon/lat (JGD2011 ≈ WGS 84) inside Japan: the row's own coordinates, its town's point, or a
    /// representative point inside its municipality, as `locationPrecision` says.
    public var location: Coordinate
    public var locationPrecision: LocationPrecision

    public init(_ attributes: ProjectAttributes, location: Coordinate, precision: LocationPrecision = .point) {
        self.attributes = attributes
        self.location = location
        self.locationPrecision = precision
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ProjectAttributes, Value>) -> Value {
        get { attributes[keyPath: keyPath] }
        set { attributes[keyPath: keyPath] = newValue }
    }
}

/// Where an input row says its case is, before the importer locates it.
public enum ProjectPlace: Sendable, Hashable {
    /// Its own lon/lat (checked to lie in Japan), with the precision the row states (an export's
    /// `location_precision`; `point` when it states none).
    case point(Coordinate, LocationPrecision)
    /// An address (所在地), to geocode.
    case address(String)
    /// A municipality code only.
    case code(MunicipalityCode)
    /// A prefecture and municipality by name only (either may be empty, not both).
    case names(prefecture: String, municipality: String)
}

/// One validated input row: the case's attributes (read through, `input.name`) and where the
/// row says it is.
@dynamicMemberLookup
public struct ProjectInput: Sendable, Hashable {
    public var attributes: ProjectAttributes
    public var place: ProjectPlace

    public init(_ attributes: ProjectAttributes, place: ProjectPlace) {
        self.attributes = attributes
        self.place = place
    }

    /// The row's own coordinates, nil when it is to be located by address, code or name.
    public var location: Coordinate? {
        if case .point(let point, _) = place { point } else { nil }
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ProjectAttributes, Value>) -> Value {
        get { attributes[keyPath: keyPath] }
        set { attributes[keyPath: keyPath] = newValue }
    }
}
