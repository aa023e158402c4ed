import GeoCore

/// Where the map has land, on a coarse grid over a page rectangle: legend and inset boxes are
/// placed where they cover the least land. Polygons are filled by scanlines through the cells'
/// centres (even–odd across all rings, so holes stay empty).
public struct OccupancyGrid: Sendable {
    public let bounds: PageRect
    public let cellSize: Double
    public let columns: Int
    public let rows: Int
    private(set) var occupied: [Bool]
    /// Scratch for `fill`: (row, x) where a ring crosses a row's centre line.
    private var crossings: [(row: Int, x: Double)] = []
    /// Summed-area table of `occupied` ((columns + 1) × (rows + 1)), built by `finish()`.
    private var sums: [Int32] = []

    /// An empty grid of `cellSize`-pixel cells over `bounds`.
    public init(bounds: PageRect, cellSize: Double) {
        self.bounds = bounds
        self.cellSize = cellSize
        columns = max(1, Int((bounds.width / cellSize).rounded(.up)))
        rows = max(1, Int((bounds.height / cellSize).rounded(.up)))
        occupied = [Bool](repeating: false, count: columns * rows)
    }

    /// Marks the cells whose centres lie inside `polygon` (projected, placed on the page by
    /// `transform`), and the cell of its first point (small islands no cell centre falls in).
    public mutating func fill(_ polygon: Polygon, transform: FrameTransform) {
        guard let start = polygon.exterior.coordinates.first else { return }
        let first = transform.page(start)
        mark(x: first.x, y: first.y)
        crossings.removeAll(keepingCapacity: true)
        for ring in polygon.rings where ring.coordinates.count >= 3 {
            let c = ring.coordinates
            var a = transform.page(c[c.count - 1])
            for i in 0..<c.count {
                let b = transform.page(c[i])
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
            if start <= end { for column in start...end { occupied[row * columns + column] = true } }
            k += 2
        }
    }

    /// Marks the cell holding a point (lines and tiny islands that no cell centre falls in).
    public mutating func mark(x: Double, y: Double) {
        let column = Int((x - bounds.x) / cellSize), row = Int((y - bounds.y) / cellSize)
        guard column >= 0, column < columns, row >= 0, row < rows else { return }
        occupied[row * columns + column] = true
    }

    /// Builds the lookup table; call once after the last `fill`.
    public mutating func finish() {
        sums = [Int32](repeating: 0, count: (columns + 1) * (rows + 1))
        let width = columns + 1
        for row in 0..<rows {
            var running: Int32 = 0
            for column in 0..<columns {
                running += occupied[row * columns + column] ? 1 : 0
                sums[(row + 1) * width + column + 1] = sums[row * width + column + 1] + running
            }
        }
    }

    /// How many occupied cells a page rectangle touches (after `finish()`).
    public func occupiedCells(in rect: PageRect) -> Int {
        let width = columns + 1
        let c0 = max(0, min(columns, Int(((rect.x - bounds.x) / cellSize).rounded(.down))))
        let c1 = max(0, min(columns, Int(((rect.maxX - bounds.x) / cellSize).rounded(.up))))
        let r0 = max(0, min(rows, Int(((rect.y - bounds.y) / cellSize).rounded(.down))))
        let r1 = max(0, min(rows, Int(((rect.maxY - bounds.y) / cellSize).rounded(.up))))
        guard c1 > c0, r1 > r0 else { return 0 }
        return Int(sums[r1 * width + c1] - sums[r0 * width + c1] - sums[r1 * width + c0] + sums[r0 * width + c0])
    }
}
