/// The administrative levels the store keeps, one GeoPackage feature table each.
public enum UnitLevel: String, CaseIterable, Sendable {
    /// The N03 unit: designated-city wards, Tokyo's special wards and ordinary municipalities.
    case ward
    /// Wards rolled up to their designated city; every other municipality as it is.
    case municipality
    case designatedCity = "designated_city"
    case prefecture
    /// A METI regional bureau's block of prefectures.
    case bureau
    /// 所属未定地: areas whose municipality is undetermined (null code).
    case unassigned
}
