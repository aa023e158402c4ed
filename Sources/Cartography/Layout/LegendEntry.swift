/// One row of a choropleth legend: a colour, what it stands for, and how many units have it.
public struct LegendEntry: Sendable, Equatable {
    /// The unit paths' `data-class`: "c0" … for classes, "zero", "nodata".
    public var key: String
    public var color: String
    /// E.g. "10.5 – 32", "0（投資なし）", "データなし".
    public var label: String
    public var count: Int

    public init(key: String, color: String, label: String, count: Int) {
        self.key = key
        self.color = color
        self.label = label
        self.count = count
    }
}
