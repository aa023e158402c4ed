/// A designated city (政令指定都市) and the range its ward codes fall in, from
/// GeoData/designated_cities.csv. Not every code in the range is a ward, but every ward of the
/// city (in the 2021/2022 boundaries and in the 2020 census table) is in it, and no other
/// municipality's code is.
public struct DesignatedCity: Hashable, Sendable, Codable {
    /// The city's own 5-digit code, e.g. "23100".
    public let code5: String
    /// Japanese name as in N03_003, e.g. 名古屋市.
    public let name: String
    /// 2-digit prefecture code.
    public let prefectureCode: String
    /// First through last ward code as integers, e.g. 23101...23116.
    public let wardCodes: ClosedRange<Int>

    public init(code5: String, name: String, prefectureCode: String, wardCodes: ClosedRange<Int>) {
        self.code5 = code5
        self.name = name
        self.prefectureCode = prefectureCode
        self.wardCodes = wardCodes
    }

    /// Whether `code5` is in this city's ward range.
    public func containsWard(_ code5: String) -> Bool {
        guard let code = Int(code5) else { return false }
        return wardCodes.contains(code)
    }
}
