/// Where each area's label goes: the areas (a prefecture: the units in it) are rasterised on a
/// grid of small cells, a two-pass chamfer distance transform gives every cell its distance to
/// the nearest cell of another area (or of the sea), and an area's anchor is its cell farthest
/// from its edge — an approximation of the pole of inaccessibility: always inside the area, on
/// its largest, roundest part (the main island, not a cape), whatever its shape or holes.
///
/// Written by hand because it needs no topology: it works on the rounded page polygons of any
/// coverage, even where rounding pinched a border.
public struct LabelAnchorGrid: Sendable {
    public let bounds: PageRect
    public let cellSize: Double
    public let columns: Int
    public let rows: Int
    /// Per cell: the area covering its centre, −1 for none.
    private var area: [Int32]
    private var scanlines: CellCentreScanlines

    /// An empty grid of `cellSize`-pixel cells over `bounds`.
    public init(bounds: PageRect, cellSize: Double) {
        self.bounds = bounds
        self.cellSize = cellSize
        scanlines = CellCentreScanlines(bounds: bounds, cellSize: cellSize)
        columns = scanlines.columns
        rows = scanlines.rows
        area = [Int32](repeating: -1, count: columns * rows)
    }

    /// Marks the cells whose centres lie inside the polygon (rings in page pixels, exterior
    /// first; even–odd, so holes stay out) as belonging to `group`.
    public mutating func fill(rings: [[(x: Double, y: Double)]], group: Int32) {
        let columns = self.columns
        scanlines.fill(rings: rings) { row, span in
            for column in span { area[row * columns + column] = group }
        }
    }

    /// Each group's anchor (page pixels) and size in cells; nil for a group no cell centre fell in.
    public func anchors(groupCount: Int) -> [(x: Double, y: Double, cells: Int)?] {
        // Chamfer 3-4 distances to the nearest cell of another area, forward then backward.
        let unreached = Int32.max / 2
        var distance = area.map { $0 < 0 ? Int32(0) : unreached }
        func relax(_ index: Int, _ column: Int, _ row: Int, _ dc: Int, _ dr: Int, _ weight: Int32) {
            let c = column + dc, r = row + dr
            let own = area[index]
            guard c >= 0, c < columns, r >= 0, r < rows else {
                distance[index] = min(distance[index], weight)
                return
            }
            let neighbour = r * columns + c
            let candidate = area[neighbour] == own ? distance[neighbour] + weight : weight
            if candidate < distance[index] { distance[index] = candidate }
        }
        for row in 0..<rows {
            for column in 0..<columns where area[row * columns + column] >= 0 {
                let index = row * columns + column
                relax(index, column, row, -1, 0, 3)
                relax(index, column, row, -1, -1, 4)
                relax(index, column, row, 0, -1, 3)
                relax(index, column, row, 1, -1, 4)
            }
        }
        for row in stride(from: rows - 1, through: 0, by: -1) {
            for column in stride(from: columns - 1, through: 0, by: -1) where area[row * columns + column] >= 0 {
                let index = row * columns + column
                relax(index, column, row, 1, 0, 3)
                relax(index, column, row, 1, 1, 4)
                relax(index, column, row, 0, 1, 3)
                relax(index, column, row, -1, 1, 4)
            }
        }
        // Per group: the largest distance, then the middle of the cells that reach it (a long
        // ridge of equal cells — a rectangle's axis — is labelled at its middle, not its end),
        // then the ridge cell nearest that middle; ties keep the first cell in scan order.
        var farthest = [Int32](repeating: -1, count: groupCount)
        var cells = [Int](repeating: 0, count: groupCount)
        for index in area.indices {
            let group = Int(area[index])
            guard group >= 0, group < groupCount else { continue }
            cells[group] += 1
            farthest[group] = max(farthest[group], distance[index])
        }
        var sums = [(column: Double, row: Double, count: Double)](repeating: (0, 0, 0), count: groupCount)
        for index in area.indices {
            let group = Int(area[index])
            guard group >= 0, group < groupCount, distance[index] == farthest[group] else { continue }
            sums[group].column += Double(index % columns)
            sums[group].row += Double(index / columns)
            sums[group].count += 1
        }
        var chosen = [(index: Int, offset: Double)?](repeating: nil, count: groupCount)
        for index in area.indices {
            let group = Int(area[index])
            guard group >= 0, group < groupCount, distance[index] == farthest[group] else { continue }
            let dc = Double(index % columns) - sums[group].column / sums[group].count
            let dr = Double(index / columns) - sums[group].row / sums[group].count
            let offset = dc * dc + dr * dr
            if chosen[group] == nil || offset < chosen[group]!.offset { chosen[group] = (index, offset) }
        }
        return (0..<groupCount).map { group in
            chosen[group].map { found in
                let column = found.index % columns, row = found.index / columns
                return (bounds.x + (Double(column) + 0.5) * cellSize, bounds.y + (Double(row) + 0.5) * cellSize, cells[group])
            }
        }
    }
}
