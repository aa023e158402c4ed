/// One of the strategic fields of plan A (戦略産業クラスター計画), from
/// GeoData/strategic_fields.csv (17 fields as announced in November 2025).
public struct StrategicField: Hashable, Sendable, Codable {
    /// ASCII slug, e.g. "ai_semiconductors".
    public let id: String
    /// Japanese name as announced, e.g. AI・半導体.
    public let name: String
    /// Position in the announced list, from 1.
    public let order: Int

    public init(id: String, name: String, order: Int) {
        self.id = id
        self.name = name
        self.order = order
    }
}
