import GeoCore

/// A representative point of a 町丁目 or 大字 (Geolonia 住所データ, `../shared/points/town_points.csv.xz`):
/// where the synthetic ledger puts its projects, so they fall where people and firms are.
public struct TownPoint: Sendable, Hashable {
    /// The municipality code the address belongs to (5 digits, from the address, not a polygon).
    public var code5: String
    /// lon/lat in degrees.
    public var location: Coordinate
    /// The municipality (ward) name as the file writes it (札幌市中央区, 菊陽町); may be empty.
    public var municipality: String
    /// The 町丁目 or 大字 name (北一条東六丁目, 大字原水); may be empty.
    public var town: String

    public init(code5: String, location: Coordinate, municipality: String = "", town: String = "") {
        self.code5 = code5
        self.location = location
        self.municipality = municipality
        self.town = town
    }
}
