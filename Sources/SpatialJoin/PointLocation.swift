/// Where a point falls: its N03 unit (ward or municipality), the municipality (city for wards),
/// prefecture and bureau block, and how it was matched.
public struct PointLocation: Sendable, Equatable {
    public enum Match: Sendable, Equatable, CustomStringConvertible {
        /// Inside (or on the border of) a unit.
        case inside
        /// Inside a 所属未定地 area: prefecture known, municipality not.
        case unassigned
        /// In the sea or just outside every unit: the nearest unit within the allowed distance.
        case nearest(km: Double)
        /// Farther than the allowed distance from every unit.
        case none

        /// As written in CSV output: inside | unassigned | nearest:<km> | none.
        public var description: String {
            switch self {
            case .inside: "inside"
            case .unassigned: "unassigned"
            case .nearest(let km): "nearest:" + formatKilometres(km)
            case .none: "none"
            }
        }
    }

    public var municipalityCode: String?
    public var municipalityName: String?
    public var cityCode: String?
    public var cityName: String?
    public var prefectureCode: String?
    public var prefectureName: String?
    public var bureauID: String?
    public var bureauName: String?
    public var match: Match

    public static let nowhere = PointLocation(match: .none)

    public init(municipalityCode: String? = nil, municipalityName: String? = nil, cityCode: String? = nil,
                cityName: String? = nil, prefectureCode: String? = nil, prefectureName: String? = nil,
                bureauID: String? = nil, bureauName: String? = nil, match: Match) {
        self.municipalityCode = municipalityCode
        self.municipalityName = municipalityName
        self.cityCode = cityCode
        self.cityName = cityName
        self.prefectureCode = prefectureCode
        self.prefectureName = prefectureName
        self.bureauID = bureauID
        self.bureauName = bureauName
        self.match = match
    }
}

/// Kilometres with three decimals (metre precision), no trailing noise.
func formatKilometres(_ km: Double) -> String {
    let metres = (km * 1000).rounded()
    let whole = Int(metres) / 1000
    let rest = Int(metres) % 1000
    let fraction = String(rest)
    return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
