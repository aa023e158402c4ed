import GeoCore

/// One investment project drawn as a proportional symbol.
public struct MapProject: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Plan type id (A, B, C).
    public var plan: String
    /// Strategic field id, if any.
    public var field: String?
    public var amountJPY: Double?
    public var location: Coordinate
    /// The joined unit's prefecture (it decides which frame draws the project) and N03 unit.
    public var prefectureCode: String?
    public var wardCode: String?
    /// The project's status slug (tiles carry it).
    public var status: String?

    public init(id: String, name: String, plan: String, field: String?, amountJPY: Double?, location: Coordinate,
                prefectureCode: String?, wardCode: String?, status: String? = nil) {
        self.status = status
        self.id = id
        self.name = name
        self.plan = plan
        self.field = field
        self.amountJPY = amountJPY
        self.location = location
        self.prefectureCode = prefectureCode
        self.wardCode = wardCode
    }
}
