import GeoCore

/// One unit as a map draws it: its identity, geometry (lon/lat) and value.
public struct MapUnit: Sendable, Equatable {
    /// 5-digit code, 2-digit prefecture code or bureau id.
    public var code: String
    public var name: String
    public var prefectureCode: String?
    public var bureauID: String?
    /// The unit's polygons, lon/lat; neighbours share their border vertices exactly.
    public var polygons: [Polygon]
    /// The metric's value; nil when it cannot be computed (no population, no area).
    public var value: Double?

    public init(code: String, name: String, prefectureCode: String?, bureauID: String?, polygons: [Polygon], value: Double?) {
        self.code = code
        self.name = name
        self.prefectureCode = prefectureCode
        self.bureauID = bureauID
        self.polygons = polygons
        self.value = value
    }
}
