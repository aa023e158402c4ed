/// Units coloured by category instead of by a classified value: a map without a metric whose
/// units fall into a few named groups (a coverage-gap map: uncovered, covered, not assessed).
/// Each unit's `data-class` is its category's key; the legend lists the categories in order
/// with the number of units drawn in each (counted by the renderer, so they add up).
public struct MapUnitCategories: Sendable, Equatable {
    /// One category: its key (`data-class`), fill and legend label (the count is added).
    public struct Category: Sendable, Equatable {
        public var key: String
        public var color: String
        public var label: String

        public init(key: String, color: String, label: String) {
            self.key = key
            self.color = color
            self.label = label
        }
    }

    /// The legend's heading.
    public var heading: String
    /// In legend order; the last one also takes units `keyByCode` does not name.
    public var categories: [Category]
    /// The category key of each unit code (looked up only, never iterated: order stays the units').
    public var keyByCode: [String: String]

    public init(heading: String, categories: [Category], keyByCode: [String: String]) {
        precondition(!categories.isEmpty, "a categorical map needs at least one category")
        self.heading = heading
        self.categories = categories
        self.keyByCode = keyByCode
    }

    /// Each unit's category (its index in `categories`), in input order.
    func assignment(of units: [MapUnit]) -> [Int] {
        units.map { unit in
            keyByCode[unit.code].flatMap { key in categories.firstIndex { $0.key == key } } ?? categories.count - 1
        }
    }

    /// The legend entries with the number of units of each category.
    func legend(_ assignment: [Int]) -> [LegendEntry] {
        var counts = [Int](repeating: 0, count: categories.count)
        for index in assignment { counts[index] += 1 }
        return zip(categories, counts).map { LegendEntry(key: $0.key, color: $0.color, label: $0.label, count: $1) }
    }
}
