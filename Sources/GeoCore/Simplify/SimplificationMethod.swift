/// How arcs are simplified.
public enum SimplificationMethod: String, Sendable, CaseIterable {
    /// Visvalingam–Whyatt: drops the vertex whose triangle with its neighbours has the smallest
    /// area, while that area is at most tolerance² (GEOS/JTS `CoverageSimplifier` convention).
    case visvalingam = "vw"
    /// Douglas–Peucker: drops vertices whose distance to the chord that would replace them is at
    /// most the tolerance, least important first.
    case douglasPeucker = "dp"
}
