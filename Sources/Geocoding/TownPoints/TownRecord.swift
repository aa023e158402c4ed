/// One row of the town points (`town_points.csv`, Geolonia 住所データ): the representative point
/// of a 町丁目 or 大字, or of one of its 小字.
public struct TownRecord: Sendable, Equatable {
    /// The municipality's 5-digit code ("01101").
    public var code5: String
    /// The prefecture with its suffix: 北海道, 東京都, 京都府, 青森県 ….
    public var prefecture: String
    /// The municipality as the town points write it, with its 郡 (石狩郡当別町) or its designated
    /// city (札幌市中央区).
    public var city: String
    /// The 町丁目 or 大字, with 大字 or 字 when the data has it (字近文七線) and 丁目 in kanji
    /// (旭ケ丘一丁目); "（大字なし）" for the part of a municipality that has no 大字.
    public var town: String
    /// The 小字 within the town, or empty.
    public var koaza: String
    /// WGS 84 degrees; nil for the few rows without a point (their names still count).
    public var latitude: Double?
    public var longitude: Double?

    public init(code5: String, prefecture: String, city: String, town: String, koaza: String = "",
                latitude: Double?, longitude: Double?) {
        self.code5 = code5
        self.prefecture = prefecture
        self.city = city
        self.town = town
        self.koaza = koaza
        self.latitude = latitude
        self.longitude = longitude
    }
}
