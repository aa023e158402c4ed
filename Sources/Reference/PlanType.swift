/// A kind of investment plan, from GeoData/plan_types.csv: A 戦略産業クラスター計画,
/// B 地域産業クラスター計画, C 地場産業成長プラン.
public struct PlanType: Hashable, Sendable, Codable {
    /// "A", "B" or "C".
    public let id: String
    /// Japanese name.
    public let name: String
    /// English name.
    public let nameEn: String
    /// Who leads plans of this kind: "national", "prefecture" or "municipality".
    public let ledBy: String

    public init(id: String, name: String, nameEn: String, ledBy: String) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.ledBy = ledBy
    }
}
