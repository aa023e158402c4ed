/// A rendered map: the SVG document and what it holds, for the command's summary and tests.
public struct RenderedMap: Sendable {
    /// The SVG document, UTF-8.
    public var svg: [UInt8]
    /// Units drawn (each one `<path>`).
    public var unitCount: Int
    /// The class legend (empty for a map without a metric); its counts add up to `unitCount`.
    public var legend: [LegendEntry]
    /// Project symbols drawn.
    public var projectsDrawn: Int
    /// Labels placed, and the keys of the labels dropped because they found no free place.
    public var labelsPlaced: Int
    public var labelsDropped: [String]
    /// Things the renderer adjusted (fewer classes than asked for, …).
    public var warnings: [String]
}
