/// Simplifies the arcs of a coverage — each shared border or coastline once, between junctions —
/// so that neighbours keep identical borders, with a tolerance in metres on the ground.
///
/// Every arc is simplified once, in input order, its endpoints fixed. Areas and distances are
/// measured in a local projection around each triangle or segment (`LocalMetricScale`), so the
/// same tolerance means the same at 24°N and 45°N. A point is removed only when no kept vertex of
/// any arc lies in the triangle it sweeps (`ArcNetwork`): arcs that do not cross on input do not
/// cross on output, and no arc folds onto another. The result depends on the input alone: the
/// same arcs give byte-identical output on every run.
///
/// - Visvalingam–Whyatt follows GEOS's `CoverageSimplifier` (what `shapely.coverage_simplify`
///   runs): corners go smallest area first while the area is at most tolerance² ("the tolerance
///   … is the square root of the area tolerance used in the Visvalingam-Whyatt algorithm"). Its
///   displacement is not bounded by the tolerance: a long narrow spike has a small area. Corners
///   refused because of a neighbour get another pass once the neighbours are simplified.
/// - Douglas–Peucker keeps every removed point within the tolerance of the simplified arc, also
///   where the topology check keeps extra points (`DouglasPeucker`).
public struct ArcSimplifier: Sendable {
    /// How close (degrees) the simplifier lets a new segment come to another kept vertex, and how
    /// far `CoverageArcs.faces(simplified:clearance:)` moves surviving near-touches of the source
    /// apart: enough that rounding to 6 decimals (the GeoJSON export) keeps every ring valid.
    public static let exportGridClearance = ArcNetwork.clearanceDegrees

    public let method: SimplificationMethod
    public let toleranceMetres: Double

    /// - Precondition: `toleranceMetres` is positive and finite (callers validate user input).
    public init(method: SimplificationMethod, toleranceMetres: Double) {
        precondition(toleranceMetres > 0 && toleranceMetres.isFinite, "tolerance must be a positive number of metres")
        self.method = method
        self.toleranceMetres = toleranceMetres
    }

    /// Simplifies every arc (lon/lat degrees).
    ///
    /// - Parameters:
    ///   - arcs: the coverage's arcs; a closed arc (a ring with no junction) has equal first and
    ///     last points. Arcs must not cross each other or themselves (they may share endpoints).
    ///     An arc listed again (the same points, either way round) is simplified once and copied.
    ///   - minimumInteriorPoints: per arc, how many interior points it keeps at least (0, 1 or 2;
    ///     fewer if it has fewer); the most important ones stay. A closed arc always keeps 2, so
    ///     that its first and last segments cannot fold onto each other. Two arcs between the same
    ///     two junctions need no minimum: a removal that would make one coincide with the other is
    ///     refused anyway (GEOS's rule too), and a minimum of 1 keeps points GEOS drops.
    ///   - freeRings: per arc, nil for none: a closed arc that is a whole ring with no junction,
    ///     whose anchor (first point) may go like any other point, as GEOS does for "free rings".
    ///     It comes back starting at its first kept point, still closed, with as many distinct
    ///     points as it would keep anchored. Visvalingam–Whyatt only (Douglas–Peucker keeps the
    ///     anchor).
    /// - Returns: the kept points of each arc, each arc's displacement, and vertex counts.
    public func simplify(_ arcs: [[Coordinate]], minimumInteriorPoints: [Int], freeRings: [Bool]? = nil) -> SimplifiedArcs {
        let run = ArcSimplification(arcs, minimumInteriorPoints: minimumInteriorPoints, freeRings: freeRings,
                                    method: method, smallestTolerance: toleranceMetres)
        run.advance(to: toleranceMetres)
        return run.result()
    }

    /// Simplifies the arcs to several tolerances: one result per tolerance, in the order given.
    ///
    /// Visvalingam–Whyatt runs once, from the smallest tolerance to the largest, reading each
    /// level off as it passes: all levels cost little more than the finest, and each level's
    /// points are a subset of every finer level's (they nest, as tiles like). A level can differ
    /// slightly from `simplify` at its tolerance alone: arcs are simplified against neighbours
    /// already simplified to the finer level, so fewer removals are refused. Douglas–Peucker runs
    /// once per tolerance from the source arcs (its guarantee, every removed point within the
    /// tolerance, holds only from the source).
    ///
    /// - Parameters: as `simplify(_:minimumInteriorPoints:freeRings:)`; `tolerancesMetres`
    ///   positive and finite (precondition); `displacementLimitsAtEquator`, per tolerance, nil or
    ///   the farthest (metres at the equator, times the cosine of the latitude: a Web Mercator
    ///   pixel's size) any source point may end from the simplified arcs (Visvalingam–Whyatt only;
    ///   Douglas–Peucker is bounded by its tolerance already).
    public static func simplify(_ arcs: [[Coordinate]], minimumInteriorPoints: [Int], freeRings: [Bool]? = nil,
                                method: SimplificationMethod, tolerancesMetres: [Double],
                                displacementLimitsAtEquator: [Double?]? = nil) -> [SimplifiedArcs] {
        precondition(tolerancesMetres.allSatisfy { $0 > 0 && $0.isFinite }, "tolerances must be positive numbers of metres")
        let limits = displacementLimitsAtEquator ?? tolerancesMetres.map { _ in nil }
        precondition(limits.count == tolerancesMetres.count, "one displacement limit (or nil) per tolerance")
        guard let smallest = tolerancesMetres.min() else { return [] }
        switch method {
        case .visvalingam:
            // Levels with a displacement limit nest among themselves, those without among
            // themselves: two runs, since a level without a limit may drift past a coarser
            // level's limit, which would then inherit the drift.
            var results = [SimplifiedArcs?](repeating: nil, count: tolerancesMetres.count)
            for limited in [false, true] {
                let chosen = tolerancesMetres.indices.filter { (limits[$0] != nil) == limited }
                guard !chosen.isEmpty else { continue }
                let run = ArcSimplification(arcs, minimumInteriorPoints: minimumInteriorPoints, freeRings: freeRings,
                                            method: method, smallestTolerance: chosen.map { tolerancesMetres[$0] }.min() ?? smallest)
                var last: (tolerance: Double, limit: Double?, result: SimplifiedArcs)?
                var largestLimit = 0.0
                for i in chosen.sorted(by: { (tolerancesMetres[$0], limits[$0] ?? 0, $0) < (tolerancesMetres[$1], limits[$1] ?? 0, $1) }) {
                    let tolerance = tolerancesMetres[i]
                    if let last, last.tolerance == tolerance, last.limit == limits[i] {
                        results[i] = last.result
                        continue
                    }
                    // A limit never shrinks along the run (a finer level's removals stand).
                    let limit = limits[i].map { max($0, largestLimit) }
                    largestLimit = limit ?? largestLimit
                    run.advance(to: tolerance, displacementLimitAtEquator: limit)
                    let result = run.result()
                    results[i] = result
                    last = (tolerance, limits[i], result)
                }
            }
            return results.map { $0! }
        case .douglasPeucker:
            return tolerancesMetres.map {
                ArcSimplifier(method: method, toleranceMetres: $0)
                    .simplify(arcs, minimumInteriorPoints: minimumInteriorPoints, freeRings: freeRings)
            }
        }
    }
}
