/// The result of `ArcSimplifier.simplify`: one simplified arc per input arc, in input order.
public struct SimplifiedArcs: Sendable {
    /// The kept points of each arc, in their original order: original coordinates, never moved.
    /// Endpoints are always kept, so a closed arc stays closed (first == last).
    public var arcs: [[Coordinate]]
    /// Per arc: the largest distance in metres from a removed point to the simplified arc (the
    /// discrete Hausdorff distance between the arc and its simplification; 0 when nothing was
    /// removed). Measured in the same local projection as the tolerance.
    public var maximumDisplacementMetres: [Double]
    /// Points over all arcs before and after simplification (closing points included).
    public var verticesIn: Int
    public var verticesOut: Int

    public init(arcs: [[Coordinate]], maximumDisplacementMetres: [Double], verticesIn: Int, verticesOut: Int) {
        self.arcs = arcs
        self.maximumDisplacementMetres = maximumDisplacementMetres
        self.verticesIn = verticesIn
        self.verticesOut = verticesOut
    }
}
