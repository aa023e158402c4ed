/// The edition a map is made from, as the map prints it: name, status, its own date (the only
/// date on the map, so the same edition always renders the same bytes) and its note, which
/// every map shows prominently (e.g. "fictional sample data").
public struct MapEdition: Sendable, Equatable {
    public var name: String
    /// "draft" or "published".
    public var status: String
    /// ISO 8601 date (YYYY-MM-DD): the publication date, else the creation date.
    public var date: String
    public var note: String?
    /// The boundary edition, e.g. "N03-22_220101".
    public var boundaryEdition: String?
    /// The credit of units filled from a coarser coverage (`DataCredits.fill`), printed with
    /// the other credits; nil when none is drawn.
    public var boundaryFill: String?

    public init(name: String, status: String, date: String, note: String?, boundaryEdition: String?, boundaryFill: String? = nil) {
        self.name = name
        self.status = status
        self.date = date
        self.note = note
        self.boundaryEdition = boundaryEdition
        self.boundaryFill = boundaryFill
    }
}
