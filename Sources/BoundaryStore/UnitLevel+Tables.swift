import Reference

/// Where the store keeps each level.
extension UnitLevel {
    /// The feature table holding this level.
    public var tableName: String {
        switch self {
        case .ward: "wards"
        case .municipality: "municipalities"
        case .designatedCity: "designated_cities"
        case .prefecture: "prefectures"
        case .bureau: "bureaus"
        case .unassigned: "unassigned_areas"
        }
    }

    /// Whether the table keeps the N03 attributes as read (only the levels read straight from N03).
    public var keepsN03Attributes: Bool { self == .ward || self == .unassigned }

    /// What the layer holds, for gpkg_contents.description.
    public var layerDescription: String {
        switch self {
        case .ward: "N03 units: designated-city wards, Tokyo special wards and ordinary municipalities"
        case .municipality: "Municipalities: designated-city wards rolled up to their city"
        case .designatedCity: "The 20 designated cities"
        case .prefecture: "Prefectures"
        case .bureau: "METI regional bureau blocks"
        case .unassigned: "Unassigned areas (所属未定地, no municipality code)"
        }
    }
}
