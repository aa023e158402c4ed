/// One of the 47 prefectures (都道府県), from GeoData/prefectures.csv.
public struct Prefecture: Hashable, Sendable, Codable {
    /// 2-digit code, "01" (北海道) … "47" (沖縄県).
    public let code: String
    /// Japanese name with its suffix: 北海道, 東京都, 京都府, 青森県 ….
    public let name: String
    /// Conventional romaji without macrons: Hokkaido, Tokyo, Kyoto, Hyogo ….
    public let romaji: String
    /// The id of the METI regional bureau whose block the prefecture belongs to (`Bureau.id`).
    public let bureauID: String

    public init(code: String, name: String, romaji: String, bureauID: String) {
        self.code = code
        self.name = name
        self.romaji = romaji
        self.bureauID = bureauID
    }
}
