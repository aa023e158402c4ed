/// What a map shows: the whole nation, one METI bureau's block of prefectures, or one
/// prefecture. Written in specs as `nation`, `bureau:ID` (e.g. `bureau:kanto`) or
/// `prefecture:CODE` (e.g. `prefecture:13`).
public enum MapExtent: Sendable, Equatable, CustomStringConvertible {
    case nation
    case bureau(String)
    case prefecture(String)

    public var description: String {
        switch self {
        case .nation: "nation"
        case .bureau(let id): "bureau:\(id)"
        case .prefecture(let code): "prefecture:\(code)"
        }
    }

    /// The simplified scale drawn by default (see `investmap simplify`): national (1 km) for
    /// the nation, bureau (300 m) for a block, prefecture (100 m) for a prefecture.
    public var defaultScale: String {
        switch self {
        case .nation: "national"
        case .bureau: "bureau"
        case .prefecture: "prefecture"
        }
    }

    /// Whether a unit with this prefecture and bureau lies in the extent.
    public func contains(prefectureCode: String?, bureauID: String?) -> Bool {
        switch self {
        case .nation: true
        case .bureau(let id): bureauID == id
        case .prefecture(let code): prefectureCode == code
        }
    }
}
