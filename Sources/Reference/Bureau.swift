/// A METI regional bureau (経済産業局) and the block of prefectures it covers, from
/// GeoData/bureaus.csv. 沖縄 is covered by 沖縄総合事務局経済産業部.
public struct Bureau: Hashable, Sendable, Codable {
    /// ASCII id: hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu, okinawa.
    public let id: String
    /// Japanese name, e.g. 関東経済産業局.
    public let name: String
    /// English name, e.g. "Kanto Bureau of Economy, Trade and Industry".
    public let nameEn: String

    public init(id: String, name: String, nameEn: String) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
    }
}
