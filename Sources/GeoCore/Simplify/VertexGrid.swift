/// A spatial index of the vertices not yet removed, for the simplifier's one question: which
/// vertices lie in this small box? A uniform grid over lon/lat: the topology check runs once per
/// candidate removal (tens of millions of times), so a query must cost a few memory reads, and a
/// removal must be O(1).
///
/// Two levels keep it small and fast at every scale. 16 × 16 fine cells form a tile; a dense
/// array over all tiles says which tiles hold vertices; an occupied tile has a 256-bit map of its
/// non-empty cells, and only those cells are stored (counted by popcount in the map). Boundaries
/// are lines, so most of a tile's cells are empty: storing all 256 took four times the memory.
/// Queries skip empty tiles in one read, so the large triangles of coarse levels stay cheap,
/// while the small ones of the first removals read one fine cell of a few vertices. Each cell's
/// vertices are contiguous, coordinates inline, so a scan reads memory in order; removing one
/// moves the cell's last vertex into its place.
final class VertexGrid {
    static let tileShift = 4
    static let tileSide = 1 << tileShift
    /// Dense tile arrays larger than this make the cells coarser instead.
    static let maximumTiles = 1 << 24

    /// An occupied tile: which of its 256 cells hold vertices, where its cells start in `cells`,
    /// and how many of its vertices are still in the grid.
    private struct Tile {
        var occupancy: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var firstCell: Int32 = 0
        var live: Int32 = 0

        @inline(__always)
        func word(_ w: Int) -> UInt64 {
            switch w {
            case 0: occupancy.0
            case 1: occupancy.1
            case 2: occupancy.2
            default: occupancy.3
            }
        }

        @inline(__always)
        mutating func mark(_ local: Int) {
            let bit = UInt64(1) << UInt64(local & 63)
            switch local >> 6 {
            case 0: occupancy.0 |= bit
            case 1: occupancy.1 |= bit
            case 2: occupancy.2 |= bit
            default: occupancy.3 |= bit
            }
        }

        /// The index in `cells` of the occupied cell `local` (its rank among the tile's cells).
        @inline(__always)
        func cell(_ local: Int) -> Int {
            let w = local >> 6
            var rank = (word(w) & (UInt64(1) << UInt64(local & 63) &- 1)).nonzeroBitCount
            if w > 0 { rank += occupancy.0.nonzeroBitCount }
            if w > 1 { rank += occupancy.1.nonzeroBitCount }
            if w > 2 { rank += occupancy.2.nonzeroBitCount }
            return Int(firstCell) + rank
        }
    }

    /// A cell's entries: the first, and how many are still live.
    private struct CellRange {
        var start: Int32
        var live: Int32
    }

    private let originX: Double
    private let originY: Double
    private let inverseCellWidth: Double
    private let inverseCellHeight: Double
    private let cellsX: Int
    private let cellsY: Int
    private let tilesX: Int
    /// Dense, per tile: the number of the occupied tile, −1 for an empty one.
    private let tileNumber: UnsafeMutableBufferPointer<Int32>
    private let tiles: UnsafeMutableBufferPointer<Tile>
    private let cells: UnsafeMutableBufferPointer<CellRange>
    /// Entries, cell by cell.
    let entryCoordinate: UnsafeMutableBufferPointer<Coordinate>
    let entryVertex: UnsafeMutableBufferPointer<Int32>
    /// Per vertex id: its entry, −1 when not (or no longer) in the grid.
    private let entryOfVertex: UnsafeMutableBufferPointer<Int32>

    /// Indexes the vertices `forEachVertex` lists (it is called twice and must list the same
    /// (id, coordinate) pairs each time; ids are below `vertexCount`), in cells of about
    /// `cellWidth` × `cellHeight` degrees over `bounds`.
    init(vertexCount: Int, bounds: BoundingBox, cellWidth: Double, cellHeight: Double,
         forEachVertex: ((Int, Coordinate) -> Void) -> Void) {
        precondition(vertexCount < Int(Int32.max), "too many vertices for 32-bit ids")
        let box = bounds.isEmpty ? BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) : bounds
        let (width, height) = Self.cellSize(box, cellWidth: cellWidth, cellHeight: cellHeight)
        originX = box.minX
        originY = box.minY
        inverseCellWidth = 1 / width
        inverseCellHeight = 1 / height
        (cellsX, cellsY) = Self.cellCounts(box, width, height)
        tilesX = (cellsX + Self.tileSide - 1) / Self.tileSide
        let tilesY = (cellsY + Self.tileSide - 1) / Self.tileSide

        // Pass 1: number the occupied tiles in the order vertices first reach them, mark their
        // cells, and note each vertex's tile and cell (tile << 8 | cell, in `entryOfVertex`,
        // which holds the vertex's entry from pass 2 on).
        tileNumber = .allocate(capacity: tilesX * tilesY)
        tileNumber.initialize(repeating: -1)
        entryOfVertex = .allocate(capacity: max(vertexCount, 1))
        entryOfVertex.initialize(repeating: -1)
        var occupiedTiles: [Tile] = []
        var total = 0
        let numbers = tileNumber, entryOf = entryOfVertex
        let (ox, oy, ix, iy, nx, ny, tx) = (originX, originY, inverseCellWidth, inverseCellHeight, cellsX, cellsY, tilesX)
        let mask = Self.tileSide - 1
        forEachVertex { id, c in
            let x = Self.clamp((c.x - ox) * ix, nx), y = Self.clamp((c.y - oy) * iy, ny)
            let t = (y >> Self.tileShift) * tx + (x >> Self.tileShift)
            if numbers[t] < 0 {
                numbers[t] = Int32(occupiedTiles.count)
                occupiedTiles.append(Tile())
            }
            let local = (y & mask) << Self.tileShift | (x & mask)
            occupiedTiles[Int(numbers[t])].mark(local)
            // At most 2^24 tiles: tile << 8 | cell fits 32 bits.
            entryOf[id] = Int32(bitPattern: UInt32(numbers[t]) << 8 | UInt32(local))
            total += 1
        }
        tiles = .allocate(capacity: max(occupiedTiles.count, 1))
        var cellCount = 0
        for (t, tile) in occupiedTiles.enumerated() {
            var placed = tile
            placed.firstCell = Int32(cellCount)
            cellCount += tile.occupancy.0.nonzeroBitCount + tile.occupancy.1.nonzeroBitCount
                + tile.occupancy.2.nonzeroBitCount + tile.occupancy.3.nonzeroBitCount
            tiles.baseAddress!.advanced(by: t).initialize(to: placed)
        }
        cells = .allocate(capacity: max(cellCount, 1))
        cells.initialize(repeating: CellRange(start: 0, live: 0))
        @inline(__always) func cellOfNote(_ note: Int32) -> Int {
            let bits = UInt32(bitPattern: note)
            return tiles[Int(bits >> 8)].cell(Int(bits & 255))
        }

        // Count per cell, then place, cell by cell.
        for id in 0..<vertexCount where entryOfVertex[id] != -1 {
            let bits = UInt32(bitPattern: entryOfVertex[id])
            cells[tiles[Int(bits >> 8)].cell(Int(bits & 255))].live += 1
            tiles[Int(bits >> 8)].live += 1
        }
        var running: Int32 = 0
        for cell in 0..<cellCount {
            cells[cell].start = running
            running += cells[cell].live
            cells[cell].live = 0
        }
        entryCoordinate = .allocate(capacity: max(total, 1))
        entryVertex = .allocate(capacity: max(total, 1))
        let ranges = cells, coordinates = entryCoordinate, vertices = entryVertex
        forEachVertex { id, c in
            let cell = cellOfNote(entryOf[id])
            let e = Int(ranges[cell].start + ranges[cell].live)
            ranges[cell].live += 1
            coordinates.baseAddress!.advanced(by: e).initialize(to: c)
            vertices[e] = Int32(id)
            entryOf[id] = Int32(e)
        }
    }

    /// Cells across and down `box` at this cell size.
    static func cellCounts(_ box: BoundingBox, _ w: Double, _ h: Double) -> (Int, Int) {
        (Int(((box.maxX - box.minX) / w).rounded(.down)) + 1, Int(((box.maxY - box.minY) / h).rounded(.down)) + 1)
    }

    /// The cell size asked for (1 where it is not a positive number), doubled until the grid
    /// needs at most `maximumTiles` tiles.
    static func cellSize(_ box: BoundingBox, cellWidth: Double, cellHeight: Double) -> (Double, Double) {
        var width = cellWidth.isFinite && cellWidth > 0 ? cellWidth : 1
        var height = cellHeight.isFinite && cellHeight > 0 ? cellHeight : 1
        while true {
            let (cx, cy) = cellCounts(box, width, height)
            let tiles = Double((cx + tileSide - 1) / tileSide) * Double((cy + tileSide - 1) / tileSide)
            if tiles <= Double(maximumTiles) { return (width, height) }
            width *= 2
            height *= 2
        }
    }

    deinit {
        tileNumber.deallocate()
        tiles.deallocate()
        cells.deallocate()
        entryCoordinate.deallocate()
        entryVertex.deallocate()
        entryOfVertex.deallocate()
    }

    @inline(__always)
    private static func clamp(_ value: Double, _ count: Int) -> Int {
        // Also maps NaN to 0.
        value > 0 ? min(Int(value), count - 1) : 0
    }

    func contains(vertex id: Int) -> Bool { entryOfVertex[id] >= 0 }

    /// The width of a cell, in degrees of longitude.
    var cellWidth: Double { 1 / inverseCellWidth }

    /// The longitude of the boundary between two columns of tiles nearest to `x`: vertices west
    /// and east of it are in different tiles, cells and entries, so two threads may remove
    /// vertices on either side at once.
    func tileBoundary(nearX x: Double) -> Double {
        let tileWidth = Double(Self.tileSide) / inverseCellWidth
        return originX + ((x - originX) / tileWidth).rounded() * tileWidth
    }

    /// Takes a vertex out of the grid (no-op when it is not in it).
    func remove(vertex id: Int) {
        let e = Int(entryOfVertex[id])
        guard e >= 0 else { return }
        let c = entryCoordinate[e]
        let x = Self.clamp((c.x - originX) * inverseCellWidth, cellsX)
        let y = Self.clamp((c.y - originY) * inverseCellHeight, cellsY)
        let t = Int(tileNumber[(y >> Self.tileShift) * tilesX + (x >> Self.tileShift)])
        let mask = Self.tileSide - 1
        let cell = tiles[t].cell((y & mask) << Self.tileShift | (x & mask))
        let last = Int(cells[cell].start + cells[cell].live - 1)
        if e != last {
            entryCoordinate[e] = entryCoordinate[last]
            let moved = entryVertex[last]
            entryVertex[e] = moved
            entryOfVertex[Int(moved)] = Int32(e)
        }
        cells[cell].live -= 1
        tiles[t].live -= 1
        entryOfVertex[id] = -1
    }

    /// Puts back a vertex removed from the grid at `c` (its cell still has the room it left).
    func restore(vertex id: Int, at c: Coordinate) {
        guard entryOfVertex[id] < 0 else { return }
        let x = Self.clamp((c.x - originX) * inverseCellWidth, cellsX)
        let y = Self.clamp((c.y - originY) * inverseCellHeight, cellsY)
        let t = Int(tileNumber[(y >> Self.tileShift) * tilesX + (x >> Self.tileShift)])
        let mask = Self.tileSide - 1
        let cell = tiles[t].cell((y & mask) << Self.tileShift | (x & mask))
        let e = Int(cells[cell].start + cells[cell].live)
        entryCoordinate[e] = c
        entryVertex[e] = Int32(id)
        entryOfVertex[id] = Int32(e)
        cells[cell].live += 1
        tiles[t].live += 1
    }

    /// Calls `body` with each entry whose cell meets the box [minX, maxX] × [minY, maxY] (entries
    /// outside the box itself may come too), until `body` returns true; returns whether it did.
    @inline(__always)
    func anyEntry(minX: Double, minY: Double, maxX: Double, maxY: Double, where body: (Int) -> Bool) -> Bool {
        let x0 = Self.clamp((minX - originX) * inverseCellWidth, cellsX)
        let x1 = Self.clamp((maxX - originX) * inverseCellWidth, cellsX)
        let y0 = Self.clamp((minY - originY) * inverseCellHeight, cellsY)
        let y1 = Self.clamp((maxY - originY) * inverseCellHeight, cellsY)
        let mask = Self.tileSide - 1
        for ty in (y0 >> Self.tileShift)...(y1 >> Self.tileShift) {
            let rowLow = max(y0, ty << Self.tileShift) & mask, rowHigh = min(y1, ty << Self.tileShift | mask) & mask
            for tx in (x0 >> Self.tileShift)...(x1 >> Self.tileShift) {
                let t = Int(tileNumber[ty * tilesX + tx])
                if t < 0 { continue }
                let tile = tiles[t]
                if tile.live == 0 { continue }
                let columnLow = max(x0, tx << Self.tileShift) & mask, columnHigh = min(x1, tx << Self.tileShift | mask) & mask
                // The columns wanted, as a 16-bit mask of a row.
                let columns = (UInt64(1) << UInt64(columnHigh + 1) &- 1) & ~(UInt64(1) << UInt64(columnLow) &- 1)
                for row in rowLow...rowHigh {
                    // Four rows per 64-bit word of the map.
                    let shift = UInt64((row & 3) << 4)
                    var occupied = (tile.word(row >> 2) >> shift) & columns
                    while occupied != 0 {
                        let column = occupied.trailingZeroBitCount
                        occupied &= occupied &- 1
                        let range = cells[tile.cell(row << Self.tileShift | column)]
                        let start = Int(range.start)
                        for e in start..<(start + Int(range.live)) where body(e) { return true }
                    }
                }
            }
        }
        return false
    }
}
