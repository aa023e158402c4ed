/// A category project symbols are coloured by (a plan type or a strategic field): its id as the
/// ledger writes it and its Japanese name for the legend. Colours follow the categories' order.
public struct MapCategory: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The category's own colour ("#rrggbb", programme categories have one), else nil: the
    /// categorical palette's.
    public var colour: String?

    public init(id: String, name: String, colour: String? = nil) {
        self.id = id
        self.name = name
        self.colour = colour
    }
}
