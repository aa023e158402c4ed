/// A category project symbols are coloured by (a plan type or a strategic field): its id as the
/// ledger writes it and its Japanese name for the legend. Colours follow the categories' order.
public struct MapCategory: Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
