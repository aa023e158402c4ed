import Dispatch

/// Builds the arrays of a `CoverageGrid` on two threads, each taking half of the rings (by
/// vertex count): find the box; orient and copy the rings into one flat array, cutting them
/// into runs of consecutive segments that stay in one cell (and noting where segments cross
/// the grid rows); sort the runs by cell; give each grid corner its face by scanlines.
///
/// Runs instead of single segments: a ring stays in a cell for many segments, so a cell lists
/// a few runs instead of hundreds of segments, and the build touches each vertex only twice.
struct CoverageGridBuilder {
    /// Consecutive segments `start ..< start + length` (by first vertex) of one ring in one cell.
    struct Run {
        var cell: Int32
        var ring: Int32
        var start: Int32
        var length: Int32
    }

    /// Where a segment crosses a horizontal grid line, and the face it bounds.
    struct Crossing {
        var x: Double
        var line: Int32
        /// face << 1, plus 1 when the segment goes down (its face is then east of the crossing).
        var faceAndDirection: Int32
    }

    let layout: GridLayout
    let coordinates: CoverageGridBuffer<Coordinate>
    let ringStarts: [Int]
    let ringFaces: [Int32]
    let ringReversed: [Bool]
    let cellStarts: CoverageGridBuffer<Int32>
    /// Per run of a cell: its ring, first segment and length.
    let runRings: CoverageGridBuffer<Int32>
    let runStarts: CoverageGridBuffer<Int32>
    let runLengths: CoverageGridBuffer<Int32>
    let cornerFaces: CoverageGridBuffer<Int32>
    let undecidedCorners: Int
    let inconsistentCrossings: Int

    private static let threads = 2
    /// Slack (in cells) when finding the cells a segment's box touches, far above the rounding
    /// of the cell arithmetic: a segment may be listed in one cell too many, never too few.
    private static let binningSlack = 1e-7

    init(faces: [[Polygon]], cellSize: Double) {
        // The rings in one list, with their face and kind.
        var rings: [[Coordinate]] = []
        var ringIsHole: [Bool] = []
        var ringFaces: [Int32] = []
        var ringStarts = [0]
        for (face, polygons) in faces.enumerated() {
            for polygon in polygons {
                for r in 0...polygon.holes.count {
                    let ring = r == 0 ? polygon.exterior.coordinates : polygon.holes[r - 1].coordinates
                    guard ring.count >= 3 else { continue }
                    let closedCount = ring.first == ring.last ? ring.count : ring.count + 1
                    guard closedCount >= 4 else { continue }
                    rings.append(ring)
                    ringIsHole.append(r > 0)
                    ringFaces.append(Int32(face))
                    ringStarts.append(ringStarts.last! + closedCount)
                }
            }
        }
        let total = ringStarts.last!
        precondition(total < Int(Int32.max), "too many vertices for a coverage grid")
        let halves = Self.split(ringStarts, parts: Self.threads)
        let source = UncheckedSendable((rings, ringIsHole, ringStarts, ringFaces))

        // 1. The box, and the grid over it.
        let layout = Self.gridLayout(source.value.0, halves: halves, cellSize: cellSize)
        let cells = layout.columns * layout.rows
        precondition(cells < Int(Int32.max), "coverage grid: too many cells; use larger cells")

        // 2. Copy the rings, face on the left; cut them into runs; collect row crossings.
        let coordinates = CoverageGridBuffer<Coordinate>(count: total)
        let reversedRings = CoverageGridBuffer<Bool>(count: rings.count)
        let flat = UncheckedSendable((coordinates.pointer, reversedRings.pointer))
        let pieces = (0..<Self.threads).map { $0 }.concurrentMapUnchecked { half -> ([Run], [Crossing]) in
            let (rings, ringIsHole, ringStarts, ringFaces) = source.value
            var runs: [Run] = [], crossings: [Crossing] = []
            runs.reserveCapacity((ringStarts[halves[half].upperBound] - ringStarts[halves[half].lowerBound]) / 8)
            for r in halves[half] {
                let start = ringStarts[r], end = ringStarts[r + 1]
                flat.value.1[r] = Self.copy(rings[r], hole: ringIsHole[r], to: flat.value.0 + start)
                layout.cut(flat.value.0, ring: r, from: start, to: end, face: ringFaces[r], runs: &runs, crossings: &crossings)
            }
            return (runs, crossings)
        }

        // 3. The runs by cell (thread 0's first, each in ring order: deterministic).
        let (cellStarts, runRings, runStarts, runLengths) = Self.runsByCell(pieces.map(\.0), cells: cells)

        // 4. The corners' faces, row by row.
        let cornerFaces = CoverageGridBuffer<Int32>(count: (layout.columns + 1) * (layout.rows + 1),
                                                    repeating: CoverageGrid.outsideFace)
        let scan = Self.scanlines(pieces.map(\.1), layout: layout, into: cornerFaces.pointer)

        self.layout = layout
        self.coordinates = coordinates
        self.ringStarts = ringStarts
        self.ringFaces = ringFaces
        ringReversed = Array(UnsafeBufferPointer(start: reversedRings.pointer, count: rings.count))
        self.cellStarts = cellStarts
        self.runRings = runRings
        self.runStarts = runStarts
        self.runLengths = runLengths
        self.cornerFaces = cornerFaces
        undecidedCorners = scan.undecided
        inconsistentCrossings = scan.inconsistent
    }

    /// The box of every ring and the grid over it: half a cell of margin below and left, a cell
    /// or more above and right, so no vertex lies on the outer grid lines.
    static func gridLayout(_ rings: [[Coordinate]], halves: [Range<Int>], cellSize: Double) -> GridLayout {
        let source = UncheckedSendable(rings)
        var box = BoundingBox.empty
        for half in (0..<Self.threads).map({ $0 }).concurrentMapUnchecked({ half -> BoundingBox in
            var box = BoundingBox.empty
            for ring in source.value[halves[half]] { for c in ring { box.extend(c) } }
            return box
        }) where !half.isEmpty {
            box.extend(half)
        }
        if box.isEmpty { box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
        precondition(box.minX.isFinite && box.minY.isFinite && box.maxX.isFinite && box.maxY.isFinite,
                     "coverage grid: non-finite coordinates")
        let originX = box.minX - cellSize / 2, originY = box.minY - cellSize / 2
        return GridLayout(originX: originX, originY: originY, cellSize: cellSize,
                          columns: Int((box.maxX - originX) / cellSize) + 2,
                          rows: Int((box.maxY - originY) / cellSize) + 2)
    }

    /// The runs sorted by cell (a counting sort): per cell the start of its runs, and per run its
    /// ring, first segment and length.
    static func runsByCell(_ pieces: [[Run]], cells: Int)
        -> (CoverageGridBuffer<Int32>, CoverageGridBuffer<Int32>, CoverageGridBuffer<Int32>, CoverageGridBuffer<Int32>) {
        let cellStarts = CoverageGridBuffer<Int32>(count: cells + 1, repeating: 0)
        let starts = cellStarts.pointer
        for runs in pieces { for run in runs { starts[Int(run.cell) + 1] += 1 } }
        for cell in 0..<cells { starts[cell + 1] += starts[cell] }
        let runCount = Int(starts[cells])
        let runRings = CoverageGridBuffer<Int32>(count: runCount)
        let runStarts = CoverageGridBuffer<Int32>(count: runCount), runLengths = CoverageGridBuffer<Int32>(count: runCount)
        for runs in pieces {
            for run in runs {
                let slot = Int(starts[Int(run.cell)])
                runRings[slot] = run.ring
                runStarts[slot] = run.start
                runLengths[slot] = run.length
                starts[Int(run.cell)] += 1
            }
        }
        // Each cell's cursor now sits at the next cell's start: shift back by one.
        for cell in stride(from: cells, to: 0, by: -1) { starts[cell] = starts[cell - 1] }
        starts[0] = 0
        return (cellStarts, runRings, runStarts, runLengths)
    }

    /// The grid's cell arithmetic.
    struct GridLayout: Sendable {
        let originX, originY, cellSize: Double
        let columns, rows: Int

        @inline(__always)
        func cornerX(_ i: Int) -> Double { originX + Double(i) * cellSize }

        @inline(__always)
        func cornerY(_ j: Int) -> Double { originY + Double(j) * cellSize }

        /// Cuts the ring stored at `start ..< end` into runs of segments whose closed boxes touch
        /// one cell only (a segment touching several cells is a run of one in each), skipping
        /// repeated points, and records where its segments cross horizontal grid lines.
        func cut(_ vertices: UnsafeMutablePointer<Coordinate>, ring: Int, from start: Int, to end: Int, face: Int32,
                 runs: inout [Run], crossings: inout [Crossing]) {
            let inverse = 1 / cellSize, slack = CoverageGridBuilder.binningSlack
            var runCell = -1, runStart = 0, runLength = 0
            func flush() {
                if runLength > 0 {
                    runs.append(Run(cell: Int32(runCell), ring: Int32(ring), start: Int32(runStart), length: Int32(runLength)))
                }
                runLength = 0
            }
            // Each vertex in cell units, and its cell when it is clear of the cell's sides
            // (-1 when within the slack of one).
            @inline(__always)
            func place(_ c: Coordinate) -> (Double, Double, Int) {
                let fx = (c.x - originX) * inverse, fy = (c.y - originY) * inverse
                let i = Int(fx), j = Int(fy)
                let rx = fx - Double(i), ry = fy - Double(j)
                let clear = rx > slack && rx < 1 - slack && ry > slack && ry < 1 - slack
                return (fx, fy, clear ? j * columns + i : -1)
            }
            var a = vertices[start]
            var (ax, ay, aCell) = place(a)
            for s in start..<(end - 1) {
                let b = vertices[s + 1]
                let (bx, by, bCell) = place(b)
                defer { a = b; ax = bx; ay = by; aCell = bCell }
                if aCell == bCell && aCell >= 0 {
                    // Inside one cell, clear of its sides: part of a run, and no grid line crossed.
                    if aCell == runCell && runLength > 0 && runStart + runLength == s {
                        runLength += 1
                    } else {
                        flush()
                        runCell = aCell
                        runStart = s
                        runLength = 1
                    }
                    continue
                }
                guard a != b else { continue }
                let i0 = Int(min(ax, bx) - slack), i1 = min(Int(max(ax, bx) + slack), columns - 1)
                let j0 = Int(min(ay, by) - slack), j1 = min(Int(max(ay, by) + slack), rows - 1)
                for j in j0...j1 {
                    for i in i0...i1 {
                        let cell = j * columns + i
                        if cell == runCell && runLength > 0 && runStart + runLength == s {
                            runLength += 1
                        } else {
                            runs.append(Run(cell: Int32(cell), ring: Int32(ring), start: Int32(s), length: 1))
                        }
                    }
                }
                guard a.y != b.y else { continue }
                let (low, high) = a.y < b.y ? (a, b) : (b, a)
                // Rows j0...j1 hold every line with low.y ≤ y < high.y (the half-open rule).
                for line in j0...j1 {
                    let y = cornerY(line)
                    guard y >= low.y && y < high.y else { continue }
                    // From the lower end, so both copies of a border get the same x.
                    let x = low.x + (y - low.y) * (high.x - low.x) / (high.y - low.y)
                    crossings.append(Crossing(x: x, line: Int32(line), faceAndDirection: face << 1 | (a.y > b.y ? 1 : 0)))
                }
            }
            flush()
        }
    }

    /// Copies a ring to `target`, closed, directed with its face on the left (exterior
    /// counter-clockwise, hole clockwise); true when that reverses it.
    private static func copy(_ ring: [Coordinate], hole: Bool, to target: UnsafeMutablePointer<Coordinate>) -> Bool {
        ring.withUnsafeBufferPointer { ring in
            let n = ring.count
            // Shoelace relative to the first vertex: exact enough for small rings far from (0, 0).
            let origin = ring[0]
            var twiceArea = 0.0
            for k in 1..<(n - 1) {
                let p = ring[k], q = ring[k + 1]
                twiceArea += (p.x - origin.x) * (q.y - origin.y) - (q.x - origin.x) * (p.y - origin.y)
            }
            let reversed = hole ? twiceArea > 0 : twiceArea < 0
            let closed = ring[0] == ring[n - 1]
            if !reversed {
                target.initialize(from: ring.baseAddress!, count: n)
                if !closed { target[n] = ring[0] }
            } else {
                // Backwards from the closing point: ring[0], ring[n − 1], …, ring[0].
                var k = 0
                if !closed { target[0] = ring[0]; k = 1 }
                for source in stride(from: n - 1, through: 0, by: -1) {
                    target[k] = ring[source]
                    k += 1
                }
            }
            return reversed
        }
    }

    /// Splits the rings into `parts` consecutive ranges of about equal vertex counts.
    private static func split(_ ringStarts: [Int], parts: Int) -> [Range<Int>] {
        let ringCount = ringStarts.count - 1, total = ringStarts.last!
        var bounds = [0]
        var r = 0
        for part in 1..<parts {
            let target = total * part / parts
            while r < ringCount && ringStarts[r] < target { r += 1 }
            bounds.append(max(r, bounds.last!))
        }
        bounds.append(ringCount)
        return (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// Fills the corners' faces from the crossings: walking east along each grid line, a group of
    /// crossings (closer than the tolerance to each other) changes each face's winding number by
    /// its downward minus its upward crossings; the face with winding 1 is the corners'. Corners
    /// within the tolerance of a crossing stay undecided; a row whose windings contradict a
    /// coverage is undecided from there on.
    private static func scanlines(_ crossings: [[Crossing]], layout: GridLayout,
                                  into corners: UnsafeMutablePointer<Int32>) -> (undecided: Int, inconsistent: Int) {
        let lines = layout.rows + 1, stride = layout.columns + 1
        // Bucket by line, then sort each line by x.
        var lineStarts = [Int](repeating: 0, count: lines + 1)
        for part in crossings { for c in part { lineStarts[Int(c.line) + 1] += 1 } }
        for k in 0..<lines { lineStarts[k + 1] += lineStarts[k] }
        var sorted = [Crossing](repeating: Crossing(x: 0, line: 0, faceAndDirection: 0), count: lineStarts[lines])
        var cursor = lineStarts
        for part in crossings {
            for c in part {
                sorted[cursor[Int(c.line)]] = c
                cursor[Int(c.line)] += 1
            }
        }
        let tolerance = CoverageGrid.cornerTolerance
        let outside = CoverageGrid.outsideFace, unknown = CoverageGrid.unknownFace
        var undecided = 0, inconsistent = 0
        for line in 0..<lines where lineStarts[line] < lineStarts[line + 1] {
            let start = lineStarts[line], end = lineStarts[line + 1]
            sorted[start..<end].sort { ($0.x, $0.faceAndDirection) < ($1.x, $1.faceAndDirection) }
            let row = corners + line * stride
            var state = outside
            var poisoned = false
            var corner = 0
            var g = start
            while g < end {
                var h = g + 1
                while h < end && sorted[h].x - sorted[h - 1].x <= tolerance { h += 1 }
                let west = sorted[g].x - tolerance, east = sorted[h - 1].x + tolerance
                while corner <= layout.columns && layout.cornerX(corner) < west {
                    if state != outside { row[corner] = state }
                    corner += 1
                }
                while corner <= layout.columns && layout.cornerX(corner) <= east {
                    row[corner] = unknown
                    undecided += 1
                    corner += 1
                }
                if !poisoned {
                    if let next = Self.stateAfter(group: sorted[g..<h], state: state) {
                        state = next
                    } else {
                        inconsistent += 1
                        poisoned = true
                        state = unknown
                    }
                }
                g = h
            }
            // East of the last crossing every point is outside; a face here means a contradiction.
            if !poisoned && state != outside {
                inconsistent += 1
                poisoned = true
            }
            if poisoned {
                for i in 0...layout.columns where row[i] != unknown {
                    row[i] = unknown
                    undecided += 1
                }
            }
        }
        return (undecided, inconsistent)
    }

    /// The face east of a group of crossings, given the face west of it (`outsideFace` for
    /// none); nil when the windings contradict a coverage (a winding other than 0 or 1, two
    /// faces at once).
    private static func stateAfter(group: ArraySlice<Crossing>, state: Int32) -> Int32? {
        var entered: Int32 = CoverageGrid.outsideFace, enteredCount = 0
        var left: Int32 = CoverageGrid.outsideFace, leftCount = 0
        for q in group.indices {
            let face = group[q].faceAndDirection >> 1
            // Each face once, at its first crossing in the group.
            if group[group.startIndex..<q].contains(where: { $0.faceAndDirection >> 1 == face }) { continue }
            var net = 0
            for c in group[q...] where c.faceAndDirection >> 1 == face {
                net += c.faceAndDirection & 1 == 1 ? 1 : -1
            }
            switch net {
            case 0: break
            case 1: entered = face; enteredCount += 1
            case -1: left = face; leftCount += 1
            default: return nil
            }
        }
        if leftCount > 1 || enteredCount > 1 { return nil }
        if leftCount == 1 {
            guard left == state else { return nil }
            return enteredCount == 1 ? entered : CoverageGrid.outsideFace
        }
        if enteredCount == 1 {
            guard state == CoverageGrid.outsideFace else { return nil }
            return entered
        }
        return state
    }
}

