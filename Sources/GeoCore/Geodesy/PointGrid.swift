import Foundation

/// An index of many longitude/latitude points for "within R metres of here" and "nearest"
/// questions: points bucketed in a regular grid of `cellDegrees`; a query visits the cells of the
/// radius's bounding box and measures the candidates on the ellipsoid (Vincenty), after a cheap
/// lower bound. Written by hand because neither GEOS's STRtree (planar, no distance query on
/// points) nor a Swift package here answers geodesic radius queries.
public struct PointGrid: Sendable {
    public let points: [Coordinate]
    let cellDegrees: Double
    let minX: Double, minY: Double
    let columns: Int, rows: Int
    /// Point indices by cell (CSR layout: `cellStart[c] ..< cellStart[c + 1]` in `cellPoints`).
    let cellStart: [Int32]
    let cellPoints: [Int32]

    public init(points: [Coordinate], cellDegrees: Double = 0.05) {
        self.points = points
        self.cellDegrees = cellDegrees
        var bounds = BoundingBox.empty
        for p in points { bounds.extend(p) }
        if bounds.isEmpty { bounds = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        minX = bounds.minX
        minY = bounds.minY
        columns = max(1, Int(((bounds.maxX - bounds.minX) / cellDegrees).rounded(.down)) + 1)
        rows = max(1, Int(((bounds.maxY - bounds.minY) / cellDegrees).rounded(.down)) + 1)
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        var cells = [Int32](repeating: 0, count: points.count)
        for (i, p) in points.enumerated() {
            let cell = Int32(Self.cell(p, minX: minX, minY: minY, size: cellDegrees, columns: columns, rows: rows))
            cells[i] = cell
            counts[Int(cell) + 1] += 1
        }
        for c in 1..<counts.count { counts[c] += counts[c - 1] }
        var next = counts
        var order = [Int32](repeating: 0, count: points.count)
        for (i, cell) in cells.enumerated() {
            order[Int(next[Int(cell)])] = Int32(i)
            next[Int(cell)] += 1
        }
        cellStart = counts
        cellPoints = order
    }

    static func cell(_ p: Coordinate, minX: Double, minY: Double, size: Double, columns: Int, rows: Int) -> Int {
        let cx = min(max(Int(((p.x - minX) / size).rounded(.down)), 0), columns - 1)
        let cy = min(max(Int(((p.y - minY) / size).rounded(.down)), 0), rows - 1)
        return cy * columns + cx
    }

    /// The points within `metres` of `centre` (geodesic, GRS80), nearest first (ties by index):
    /// (index into `points`, metres).
    public func within(_ metres: Double, of centre: Coordinate) -> [(index: Int, metres: Double)] {
        guard !points.isEmpty, metres >= 0 else { return [] }
        // Degrees spanned by the radius: the meridian degree is at least 110.5 km, the parallel's
        // degree at least its cosine at the box's poleward edge times that.
        let dLat = metres / 110_500 + 1e-9
        let poleward = min(abs(centre.y) + dLat, 89.9)
        let dLon = metres / (110_500 * cos(poleward * Double.pi / 180)) + 1e-9
        let box = BoundingBox(minX: centre.x - dLon, minY: centre.y - dLat, maxX: centre.x + dLon, maxY: centre.y + dLat)
        var found: [(index: Int, metres: Double)] = []
        forEachCandidate(in: box) { i in
            let p = points[i]
            guard p.x >= box.minX, p.x <= box.maxX, p.y >= box.minY, p.y <= box.maxY else { return }
            let d = GeodesicDistance.metres(from: centre, to: p)
            if d <= metres { found.append((i, d)) }
        }
        found.sort { ($0.metres, $0.index) < ($1.metres, $1.index) }
        return found
    }

    /// The nearest point to `centre` and its distance, nil when the grid is empty; `accept`
    /// filters the candidates.
    public func nearest(to centre: Coordinate, where accept: (Int) -> Bool = { _ in true }) -> (index: Int, metres: Double)? {
        guard !points.isEmpty else { return nil }
        var radius = 2_000.0
        let limit = 3_000_000.0
        while true {
            if let best = within(radius, of: centre).first(where: { accept($0.index) }) { return best }
            if radius >= limit { break }
            radius = min(radius * 4, limit)
        }
        var best: (index: Int, metres: Double)?
        for (i, p) in points.enumerated() where accept(i) {
            let d = GeodesicDistance.metres(from: centre, to: p)
            if best == nil || (d, i) < (best!.metres, best!.index) { best = (i, d) }
        }
        return best
    }

    /// Calls `body` with every point index in the cells that `box` overlaps.
    func forEachCandidate(in box: BoundingBox, _ body: (Int) -> Void) {
        let x0 = max(Int(((box.minX - minX) / cellDegrees).rounded(.down)), 0)
        let x1 = min(Int(((box.maxX - minX) / cellDegrees).rounded(.down)), columns - 1)
        let y0 = max(Int(((box.minY - minY) / cellDegrees).rounded(.down)), 0)
        let y1 = min(Int(((box.maxY - minY) / cellDegrees).rounded(.down)), rows - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let cell = y * columns + x
                for k in Int(cellStart[cell])..<Int(cellStart[cell + 1]) { body(Int(cellPoints[k])) }
            }
        }
    }
}
