/// A layer of markers drawn over the units, in one colour and style, with one legend row (its
/// label and the number drawn): e.g. the matching projects as small dots and the cluster sites
/// as diamonds (areas as outlines) on a coverage-gap map. Unlike the proportional project
/// symbols, every marker is drawn at one size, amount or not.
public struct MapMarkerLayer: Sendable, Equatable {
    /// How the layer's points look; areas are always drawn as outlines in the layer's colour.
    public enum PointStyle: String, Sendable, Equatable {
        /// A small filled circle.
        case dot
        /// A filled diamond (a square on its corner), larger than a dot.
        case diamond
    }

    /// The legend row's `data-category`; the layer's group in the document is `markers-ID`.
    public var id: String
    /// The legend label; the number drawn is added ("事業（12件）").
    public var label: String
    public var color: String
    public var pointStyle: PointStyle
    /// In drawing order (later ones on top).
    public var markers: [MapMarker]

    public init(id: String, label: String, color: String, pointStyle: PointStyle, markers: [MapMarker]) {
        self.id = id
        self.label = label
        self.color = color
        self.pointStyle = pointStyle
        self.markers = markers
    }
}
