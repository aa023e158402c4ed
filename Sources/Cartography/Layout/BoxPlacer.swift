/// Places boxes (insets, the legend, the scale bar) over the map where they hide the least
/// land: every position on a grid of the map area is scored by the land cells the box would
/// cover, then by its distance from the corner the box prefers (Okinawa the north-west,
/// Ogasawara and the legend the south-east); a box never overlaps one placed before it.
/// Ties go to the first position in scan order, so the result is deterministic.
public struct BoxPlacer {
    /// Which corner of the map area a box prefers.
    public enum Corner: Sendable {
        case topLeft, topRight, bottomLeft, bottomRight
    }

    public let grid: OccupancyGrid
    /// Boxes placed so far (and fixed obstacles).
    public private(set) var placed: [PageRect]
    /// Positions are tried every `step` pixels.
    public let step: Double

    /// A placer over `grid`'s area; `obstacles` are boxes no placed box may overlap.
    public init(grid: OccupancyGrid, obstacles: [PageRect] = [], step: Double = 4) {
        self.grid = grid
        placed = obstacles
        self.step = step
    }

    /// Places a `width` × `height` box inside the map area (kept `gap` pixels from other boxes)
    /// and returns it with the number of land cells it covers.
    public mutating func place(width: Double, height: Double, prefer corner: Corner, gap: Double = 6) -> (rect: PageRect, land: Int) {
        let area = grid.bounds
        let w = min(width, area.width), h = min(height, area.height)
        let spanX = area.width - w, spanY = area.height - h
        let stepsX = max(0, Int((spanX / step).rounded(.down))), stepsY = max(0, Int((spanY / step).rounded(.down)))
        var best: (rect: PageRect, land: Int, distance: Double)?
        for j in 0...stepsY {
            for i in 0...stepsX {
                // The last step lands exactly on the far edge.
                let x = area.x + (i == stepsX ? spanX : Double(i) * step)
                let y = area.y + (j == stepsY ? spanY : Double(j) * step)
                let rect = PageRect(x: x, y: y, width: w, height: h)
                if placed.contains(where: { $0.intersects(rect.expanded(by: gap)) }) { continue }
                let land = grid.occupiedCells(in: rect)
                let dx: Double, dy: Double
                switch corner {
                case .topLeft: dx = x - area.x; dy = y - area.y
                case .topRight: dx = area.maxX - rect.maxX; dy = y - area.y
                case .bottomLeft: dx = x - area.x; dy = area.maxY - rect.maxY
                case .bottomRight: dx = area.maxX - rect.maxX; dy = area.maxY - rect.maxY
                }
                let distance = (dx * dx + dy * dy).squareRoot()
                if let current = best, (current.land, current.distance) <= (land, distance) { continue }
                best = (rect, land, distance)
            }
        }
        let chosen = best.map { ($0.rect, $0.land) } ?? (PageRect(x: area.x, y: area.y, width: w, height: h), Int.max)
        placed.append(chosen.0)
        return chosen
    }
}
