/// Where the spatial join put a project or site: its N03 unit (ward or municipality), its
/// municipality (a ward's designated city, else the unit itself), prefecture and bureau block.
public struct LedgerJoin: Sendable, Equatable {
    /// How the location was matched.
    public enum Match: String, Sendable {
        /// Inside (or on the border of) a unit.
        case inside
        /// Inside a 所属未定地 area: prefecture known, municipality not.
        case unassigned
        /// At sea or just off the coast: the nearest unit within the allowed distance (flagged).
        case nearest
        /// Farther than the allowed distance from every unit.
        case none
    }

    public var wardCode: String?
    public var municipalityCode: String?
    public var prefectureCode: String?
    public var bureauID: String?
    public var match: Match
    /// Distance to the nearest unit for `.nearest`, in km.
    public var seaDistanceKm: Double?
    /// A declared municipality code that disagrees with the location (flagged, never overwritten).
    public var codeMismatch: Bool

    public init(wardCode: String?, municipalityCode: String?, prefectureCode: String?, bureauID: String?,
                match: Match, seaDistanceKm: Double? = nil, codeMismatch: Bool = false) {
        self.wardCode = wardCode
        self.municipalityCode = municipalityCode
        self.prefectureCode = prefectureCode
        self.bureauID = bureauID
        self.match = match
        self.seaDistanceKm = seaDistanceKm
        self.codeMismatch = codeMismatch
    }

    public static let nowhere = LedgerJoin(wardCode: nil, municipalityCode: nil, prefectureCode: nil, bureauID: nil, match: .none)
}
