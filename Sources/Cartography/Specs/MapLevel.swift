import Reference

/// The units a map is drawn with, as spec files name them. "municipality" is the N03 unit
/// (designated-city wards on their own, 1,900-odd units: the finest map); "city" rolls the
/// wards up into their designated city (one unit per 市区町村 as the census counts them).
public enum MapLevel: String, CaseIterable, Sendable {
    /// N03 units: municipalities, Tokyo's special wards and designated-city wards.
    case municipality
    /// Municipalities with designated-city wards rolled up into their city.
    case city
    case prefecture
    /// METI regional bureau blocks.
    case bureau

    /// The store's level holding these units.
    public var unitLevel: UnitLevel {
        switch self {
        case .municipality: .ward
        case .city: .municipality
        case .prefecture: .prefecture
        case .bureau: .bureau
        }
    }

    /// The level `investmap stats` computes for these units.
    public var statisticsLevel: StatisticsLevel {
        switch self {
        case .municipality: .ward
        case .city: .municipality
        case .prefecture: .prefecture
        case .bureau: .bureau
        }
    }

    /// Japanese name for legends and descriptions.
    public var japaneseName: String {
        switch self {
        case .municipality: "市区町村（政令市は区）"
        case .city: "市区町村"
        case .prefecture: "都道府県"
        case .bureau: "経済産業局ブロック"
        }
    }
}
