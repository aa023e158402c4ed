import Dispatch
import Foundation

/// Point-in-face answers on a polygon coverage (faces that share their borders vertex for
/// vertex and do not overlap, such as the N03 units) in a fraction of a microsecond per point,
/// certain or explicitly undecided.
///
/// A uniform grid of square cells over the faces' box. Every ring segment, directed so that its
/// face is on its left, is listed in each cell its closed box touches (as runs of consecutive
/// segments of one ring); a border shared by two faces is listed twice, once per face, in
/// opposite directions. The face of every grid corner
/// comes from one scanline per grid row. A point in a cell without segments takes the face of
/// the cell's corner; otherwise the segment from a corner to the point is tested against the
/// cell's segments, and the crossing nearest the point says the face (the copy of that border
/// with the point on its left). Orientation tests are error-bounded; whenever an answer is not
/// certain (the point on a border or very near one, the path through a vertex, two crossings
/// too close to order) the answer is `.undecided` and the caller asks an exact locator. On a
/// valid coverage a decided answer is the one face whose interior holds the point. For points
/// in no face, `nearestFace(to:maxMetres:context:isCandidate:)` finds the nearest face the way
/// `PointLocator` measures its sea distance.
///
/// Written by hand: GEOS answers one point at a time through an R-tree and prepared geometries
/// (a microsecond or more each, with a costly setup), and no library here indexes a whole
/// coverage for bulk point queries.
public struct CoverageGrid: @unchecked Sendable {
    // @unchecked: the buffers are filled once by `init` and only read afterwards.

    /// Where a point falls.
    public enum Answer: Sendable, Equatable {
        /// In the interior of face `faces[index]`.
        case face(Int)
        /// In no face (the sea, a gap between faces, or beyond the grid).
        case outside
        /// Too close to a border (or vertex) to tell in double precision: ask an exact locator.
        case undecided
    }

    /// Cell size in degrees (coordinate units).
    public let cellSize: Double
    /// Number of cells across and down.
    public let columns: Int
    public let rows: Int
    /// How many faces were given.
    public let faceCount: Int
    /// Grid corners whose face the scanlines could not tell (a crossing within
    /// `cornerTolerance` of the corner, or a row found inconsistent). Points use another corner
    /// of their cell there, or come back undecided.
    public let undecidedCorners: Int
    /// Scanline crossings that contradict a coverage (a face entered while inside another, left
    /// while outside it): overlapping faces. Such a row's corners are all left undecided, but the
    /// grid's answers are only guaranteed on a valid coverage, where this is 0.
    public let inconsistentCrossings: Int

    let originX: Double
    let originY: Double
    let inverseCellSize: Double
    /// All rings, one after another, each closed and directed with its face on the left.
    let coordinates: CoverageGridBuffer<Coordinate>
    /// Ring r is `coordinates[ringStarts[r] ..< ringStarts[r + 1]]`; its segments start at
    /// `ringStarts[r] ..< ringStarts[r + 1] - 1`.
    let ringStarts: [Int]
    let ringFaces: [Int32]
    /// Whether ring r is stored backwards from the input (the input's direction and segment
    /// order matter for the nearest points, which must be GEOS's).
    let ringReversed: [Bool]
    /// Cell (column i, row j) is `j * columns + i`; its runs of consecutive segments are
    /// `cellStarts[cell] ..< cellStarts[cell + 1]`, run k being the segments (by the index of
    /// their first vertex) `runStarts[k] ..< runStarts[k] + runLengths[k]` of ring `runRings[k]`.
    let cellStarts: CoverageGridBuffer<Int32>
    let runRings: CoverageGridBuffer<Int32>
    let runStarts: CoverageGridBuffer<Int32>
    let runLengths: CoverageGridBuffer<Int32>
    /// The face at each grid corner, row by row ((columns + 1) × (rows + 1)): a face index,
    /// `Self.outsideFace` or `Self.unknownFace`.
    let cornerFaces: CoverageGridBuffer<Int32>

    static let outsideFace: Int32 = -1
    static let unknownFace: Int32 = -2
    /// Scanline crossings closer than this (in degrees) to each other are ordered as one group,
    /// and corners this close to a crossing are left undecided. Far above the rounding error of
    /// a crossing's computed position (about 1e-14 degrees at Japan's longitudes).
    static let cornerTolerance = 1e-9

    /// Indexes `faces` (each face one or more polygons; exteriors and holes in any orientation).
    /// `cellDegrees` trades memory and build time (smaller cells) against the segments a query
    /// scans (larger cells); 0.01 suits Japan's 12 M-vertex municipal coverage.
    public init(faces: [[Polygon]], cellDegrees: Double = 0.01) {
        precondition(cellDegrees > 0 && cellDegrees.isFinite, "cell size must be a positive number")
        let built = CoverageGridBuilder(faces: faces, cellSize: cellDegrees)
        cellSize = cellDegrees
        inverseCellSize = 1 / cellDegrees
        faceCount = faces.count
        originX = built.layout.originX
        originY = built.layout.originY
        columns = built.layout.columns
        rows = built.layout.rows
        coordinates = built.coordinates
        ringStarts = built.ringStarts
        ringFaces = built.ringFaces
        ringReversed = built.ringReversed
        cellStarts = built.cellStarts
        runRings = built.runRings
        runStarts = built.runStarts
        runLengths = built.runLengths
        cornerFaces = built.cornerFaces
        undecidedCorners = built.undecidedCorners
        inconsistentCrossings = built.inconsistentCrossings
    }

    /// The number of runs of consecutive segments in all cells (a border counts once per face);
    /// for sizing and diagnostics.
    public var runCount: Int { Int(cellStarts[columns * rows]) }

    /// Locates one point.
    public func locate(_ p: Coordinate) -> Answer {
        guard let (i, j) = cell(of: p) else { return .outside }
        let cell = j * columns + i
        let first = Int(cellStarts[cell]), end = Int(cellStarts[cell + 1])
        let stride = columns + 1
        // The nearest corner first (the shorter the path, the fewer segments it meets), then
        // the others when a corner's face or the path from it is not certain.
        let nearest = (p.x - cornerX(i) > cellSize / 2 ? 1 : 0) | (p.y - cornerY(j) > cellSize / 2 ? 2 : 0)
        for k in 0..<4 {
            let corner = nearest ^ k
            let ci = i + (corner & 1), cj = j + (corner >> 1)
            let face = cornerFaces[cj * stride + ci]
            if face == Self.unknownFace { continue }
            if first == end { return face == Self.outsideFace ? .outside : .face(Int(face)) }
            let answer = walk(from: Coordinate(x: cornerX(ci), y: cornerY(cj)), face: face, to: p, runs: first..<end)
            if answer != .undecided { return answer }
        }
        return .undecided
    }

    /// Locates many points, on every core for large batches; the answers keep the input order.
    public func locate(_ points: [Coordinate]) -> [Answer] {
        let chunks = min(ProcessInfo.processInfo.activeProcessorCount, max(1, points.count / 20_000))
        let grid = self
        return [Answer](unsafeUninitializedCapacity: points.count) { buffer, initialized in
            let slots = UncheckedSendable(buffer)
            points.withUnsafeBufferPointer { input in
                let source = UncheckedSendable(input)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = source.value.count * chunk / chunks, end = source.value.count * (chunk + 1) / chunks
                    for k in start..<end {
                        (slots.value.baseAddress! + k).initialize(to: grid.locate(source.value[k]))
                    }
                }
            }
            initialized = points.count
        }
    }

    @inline(__always)
    func cornerX(_ i: Int) -> Double { originX + Double(i) * cellSize }

    @inline(__always)
    func cornerY(_ j: Int) -> Double { originY + Double(j) * cellSize }

    /// The cell holding p: cornerX(i) ≤ p.x < cornerX(i + 1), likewise in y (exactly, with the
    /// corners as computed everywhere else); nil outside the grid or for NaN.
    @inline(__always)
    func cell(of p: Coordinate) -> (Int, Int)? {
        guard p.x >= originX, p.y >= originY, p.x < cornerX(columns), p.y < cornerY(rows) else { return nil }
        var i = min(Int((p.x - originX) * inverseCellSize), columns - 1)
        var j = min(Int((p.y - originY) * inverseCellSize), rows - 1)
        if cornerX(i) > p.x { i -= 1 } else if i + 1 < columns && cornerX(i + 1) <= p.x { i += 1 }
        if cornerY(j) > p.y { j -= 1 } else if j + 1 < rows && cornerY(j + 1) <= p.y { j += 1 }
        return (i, j)
    }

    /// The face of p, from a corner c of its cell whose face is known: the crossing of c → p
    /// with the cell's segments nearest p decides; no crossing means c's face.
    @inline(__always)
    private func walk(from c: Coordinate, face cornerFace: Int32, to p: Coordinate, runs: Range<Int>) -> Answer {
        let minX = min(c.x, p.x), maxX = max(c.x, p.x), minY = min(c.y, p.y), maxY = max(c.y, p.y)
        let vertices = coordinates.pointer, rings = runRings.pointer
        let starts = runStarts.pointer, lengths = runLengths.pointer
        var found = false
        var bestT = 0.0, bestError = 0.0, runnerUp = -Double.infinity
        var bestFrom = c, bestTo = c
        var leftCopies = 0, leftRing: Int32 = 0
        for run in runs {
            let first = Int(starts[run])
            for s in first..<(first + Int(lengths[run])) {
                let a = vertices[s], b = vertices[s + 1]
                if (a.x < minX && b.x < minX) || (a.x > maxX && b.x > maxX)
                    || (a.y < minY && b.y < minY) || (a.y > maxY && b.y > maxY) { continue }
                let o1 = PlanarPredicates.orientation(c, p, a), o2 = PlanarPredicates.orientation(c, p, b)
                if o1 == o2 && o1 != 0 { continue }
                let o3 = PlanarPredicates.orientation(a, b, c), o4 = PlanarPredicates.orientation(a, b, p)
                if o3 == o4 && o3 != 0 { continue }
                // Touching, through a vertex, collinear, or p on the segment: not certain.
                if o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0 { return .undecided }
                // A proper crossing. Both copies of a border see it from the same (lower) endpoint,
                // so they get the same parameter and are recognised as one border.
                let forward = a.x < b.x || (a.x == b.x && a.y < b.y)
                let u = forward ? a : b, v = forward ? b : a
                if found && u == bestFrom && v == bestTo {
                    if o4 > 0 { leftCopies += 1; leftRing = rings[run] }
                    continue
                }
                let (t, error) = Self.crossingParameter(c, p, u, v)
                if !found || t > bestT {
                    if found { runnerUp = max(runnerUp, bestT + bestError) }
                    found = true
                    bestT = t
                    bestError = error
                    bestFrom = u
                    bestTo = v
                    leftCopies = o4 > 0 ? 1 : 0
                    leftRing = rings[run]
                } else {
                    runnerUp = max(runnerUp, t + error)
                }
            }
        }
        guard found else { return cornerFace == Self.outsideFace ? .outside : .face(Int(cornerFace)) }
        if runnerUp >= bestT - bestError { return .undecided }
        switch leftCopies {
        case 0: return .outside
        case 1: return .face(Int(ringFaces[Int(leftRing)]))
        default: return .undecided
        }
    }

    /// Where c → p crosses the line u → v, as t in c + t (p − c), with a bound on its rounding
    /// error (first-order, generously rounded up: 8ε per product sum instead of 4ε).
    @inline(__always)
    static func crossingParameter(_ c: Coordinate, _ p: Coordinate, _ u: Coordinate, _ v: Coordinate) -> (Double, Double) {
        let dx = v.x - u.x, dy = v.y - u.y
        let n1 = (u.x - c.x) * dy, n2 = (u.y - c.y) * dx
        let d1 = (p.x - c.x) * dy, d2 = (p.y - c.y) * dx
        let numerator = n1 - n2, denominator = d1 - d2
        guard numerator != 0, denominator != 0 else { return (0.5, .infinity) }
        let t = numerator / denominator
        let epsilon = 8 * Double.ulpOfOne
        let relative = epsilon * (abs(n1) + abs(n2)) / abs(numerator) + epsilon * (abs(d1) + abs(d2)) / abs(denominator) + epsilon
        return (t, abs(t) * relative)
    }
}
