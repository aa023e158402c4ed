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
    private var scanlines: CellCentreScanlines
    /// Summed-area table of `occupied` ((columns + 1) × (rows + 1)), built by `finish()`.
    private var sums: [Int32] = []

    /// An empty grid of `cellSize`-pixel cells over `bounds`.
    public init(bounds: PageRect, cellSize: Double) {
        self.bounds = bounds
        self.cellSize = cellSize
        scanlines = CellCentreScanlines(bounds: bounds, cellSize: cellSize)
        columns = scanlines.columns
        rows = scanlines.rows
        occupied = [Bool](repeating: false, count: columns * rows)
    }

    /// Marks the cells whose centres lie inside `polygon` (projected, placed on the page by
    /// `transform`), and the cell of its first point (small islands no cell centre falls in).
    public mutating func fill(_ polygon: Polygon, transform: FrameTransform) {
        guard let start = polygon.exterior.coordinates.first else { return }
        let first = transform.page(start)
        mark(x: first.x, y: first.y)
        let rings = polygon.rings.map { ring in ring.coordinates.map { c -> (x: Double, y: Double) in
            let p = transform.page(c)
            return (p.x, p.y)
        } }
        let columns = self.columns
        scanlines.fill(rings: rings) { row, span in
            for column in span { occupied[row * columns + column] = true }
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
