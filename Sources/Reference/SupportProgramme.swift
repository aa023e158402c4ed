/// A state investment-support programme whose adopted cases (採択案件) make up the map, from
/// GeoData/programmes.csv (大規模成長投資補助金, ものづくり補助金, IT導入補助金 …).
public struct SupportProgramme: Hashable, Sendable, Codable {
    /// ASCII slug, the value of a case's `programme` column ("labour_saving_investment").
    public let id: String
    /// The programme's name as announced.
    public let name: String
    /// The ministry or agency that runs it (経済産業省, 中小企業庁 …).
    public let ministry: String
    /// The map category it is drawn in (→ programme_categories.csv).
    public let category: String
    /// The budgets it was funded under, in `Budget.id` form, oldest first.
    public let budgets: [Budget]

    public init(id: String, name: String, ministry: String, category: String, budgets: [Budget]) {
        self.id = id
        self.name = name
        self.ministry = ministry
        self.category = category
        self.budgets = budgets
    }
}

/// A colour-coded category of the published map, grouping programmes
/// (GeoData/programme_categories.csv; the shipped categories are an example to edit).
public struct ProgrammeCategory: Hashable, Sendable, Codable {
    /// ASCII slug ("labour_saving").
    public let id: String
    /// What the map's legend says (省力化・生産性向上).
    public let name: String
    /// The legend's colour, "#rrggbb".
    public let colour: String
    /// Position in legends and tables, from 1.
    public let order: Int

    public init(id: String, name: String, colour: String, order: Int) {
        self.id = id
        self.name = name
        self.colour = colour
        self.order = order
    }
}
