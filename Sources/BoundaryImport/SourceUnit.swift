import GeoCore

/// The parts read for one unit (a code, or one prefecture's 所属未定地) before repair and roll-up.
struct SourceUnit: Sendable {
    /// Grouping key: the 5-digit code, or "unassigned:<都道府県名>" for null-code areas.
    var key: String
    var code: String?
    var properties: [String: String?]
    var polygons: [Polygon] = []
    /// The file the first part came from.
    var file: String
    /// Where the first part came from, for messages.
    var firstSeen: String
}
