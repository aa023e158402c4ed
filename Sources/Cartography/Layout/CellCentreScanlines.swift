/// Fills polygons into a grid of square cells over a page rectangle by scanlines through the
/// cells' centres: a ring edge crossing a row's centre line is a crossing, and between each pair
/// of crossings (even–odd across all rings of a polygon, so holes stay out) the cells whose
/// centres lie inside are handed to the caller. One rasteriser for every grid of the layout
/// (where land is, where labels go).
struct CellCentreScanlines: Sendable {
    let bounds: PageRect
    let cellSize: Double
    let columns: Int
    let rows: Int
    /// Scratch: (row, x) where a ring crosses a row's centre line.
    private var crossings: [(row: Int, x: Double)] = []

    init(bounds: PageRect, cellSize: Double) {
        self.bounds = bounds
        self.cellSize = cellSize
        columns = max(1, Int((bounds.width / cellSize).rounded(.up)))
        rows = max(1, Int((bounds.height / cellSize).rounded(.up)))
    }

    /// Calls `span(row, columns)` for every run of cells of a row whose centres lie inside the
    /// polygon given by its rings in page pixels (exterior first).
    mutating func fill(rings: [[(x: Double, y: Double)]], _ span: (Int, ClosedRange<Int>) -> Void) {
        crossings.removeAll(keepingCapacity: true)
        for ring in rings where ring.count >= 3 {
            var a = ring[ring.count - 1]
            for b in ring {
                defer { a = b }
                if a.y == b.y { continue }
                let low = min(a.y, b.y), high = max(a.y, b.y)
                // Rows whose centre y lies in [low, high).
                let firstRow = max(0, Int(((low - bounds.y) / cellSize - 0.5).rounded(.up)))
                let lastRow = min(rows - 1, Int(((high - bounds.y) / cellSize - 0.5).rounded(.up)) - 1)
                guard firstRow <= lastRow else { continue }
                for row in firstRow...lastRow {
                    let y = bounds.y + (Double(row) + 0.5) * cellSize
                    crossings.append((row, a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x)))
                }
            }
        }
        guard crossings.count >= 2 else { return }
        crossings.sort { ($0.row, $0.x) < ($1.row, $1.x) }
        var k = 0
        while k + 1 < crossings.count {
            let (row, x0) = crossings[k], (nextRow, x1) = crossings[k + 1]
            // Crossings of one row come in pairs (even–odd); a row with an odd count (a vertex
            // exactly on a centre line) is skipped past.
            guard row == nextRow else { k += 1; continue }
            let start = max(0, Int(((x0 - bounds.x) / cellSize - 0.5).rounded(.up)))
            let end = min(columns - 1, Int(((x1 - bounds.x) / cellSize - 0.5).rounded(.up)) - 1)
            if start <= end { span(row, start...end) }
            k += 2
        }
    }
}
