import GeoCore
import Reference

/// One investment project of the ledger, as validated from one input row (before the spatial
/// join). The canonical CSV header is `id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source`.
public struct InvestmentProject: Sendable, Hashable {
    /// Unique within an edition.
    public var id: String
    public var name: String
    /// Plan type id: "A", "B" or "C" (GeoData/plan_types.csv).
    public var plan: String
    /// Strategic field id (GeoData/strategic_fields.csv slug); required for plan A, optional otherwise.
    public var field: String?
    /// Investment amount in yen (whatever unit the input used: 億円, 百万円, 千円, 円), nil when not given.
    public var amountJPY: Int64?
    /// Jobs created, nil when not given.
    public var jobs: Int?
    public var status: ProjectStatus
    /// Announcement date, ISO 8601 (YYYY-MM-DD), nil when not given.
    public var announced: String?
    /// Location, lon/lat (JGD2011 ≈ WGS 84), inside Japan's extent.
    public var location: Coordinate
    /// The municipality code the source declared, if any (checked against the location by the join).
    public var declaredCode: MunicipalityCode?
    /// Where the row came from: a URL or a note.
    public var source: String?

    public init(id: String, name: String, plan: String, field: String?, amountJPY: Int64?, jobs: Int?,
                status: ProjectStatus, announced: String?, location: Coordinate, declaredCode: MunicipalityCode?,
                source: String?) {
        self.id = id
        self.name = name
        self.plan = plan
        self.field = field
        self.amountJPY = amountJPY
        self.jobs = jobs
        self.status = status
        self.announced = announced
        self.location = location
        self.declaredCode = declaredCode
        self.source = source
    }
}
