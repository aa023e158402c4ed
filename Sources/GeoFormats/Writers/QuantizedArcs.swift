import GeoCore

/// The arcs of a topology quantized once, on one integer grid: positions that were equal stay
/// equal, so borders shared through arcs and junctions where arcs meet stay shared after
/// quantization. Consecutive positions that fall on the same grid point are merged, but an arc keeps
/// its two endpoints (an arc whose positions all merge becomes two equal positions).
///
/// The grid is TopoJSON's `transform`: position (x, y) ↦ (round((x − x0) · kx), round((y − y0) · ky))
/// with kx = (quantization − 1) / (x1 − x0) over the bounding box of all arcs, as topojson-server
/// does; decoding multiplies by `scale` = 1 / kx and adds `translate` = (x0, y0).
struct QuantizedArcs {
    /// Grid positions of all arcs, one after the other.
    private(set) var xs: [Int32] = []
    private(set) var ys: [Int32] = []
    /// Arc `i` is `starts[i] ..< starts[i + 1]`.
    private(set) var starts: [Int] = [0]
    let bounds: BoundingBox
    let scale: Coordinate
    let translate: Coordinate

    var count: Int { starts.count - 1 }
    var positionCount: Int { xs.count }

    /// - Throws: `ExportFailure` for an arc with fewer than two positions or a coordinate that is
    ///   not finite.
    init(_ arcs: [[Coordinate]], quantization: Int) throws {
        var box = BoundingBox.empty
        for (index, arc) in arcs.enumerated() {
            guard arc.count >= 2 else { throw ExportFailure("arc \(index) has \(arc.count) position\(arc.count == 1 ? "" : "s"); an arc needs at least 2") }
            for c in arc {
                guard c.x.isFinite, c.y.isFinite else { throw ExportFailure("arc \(index) has a coordinate that is not finite: \(c)") }
                box.extend(c)
            }
        }
        guard box.isEmpty || ((box.maxX - box.minX).isFinite && (box.maxY - box.minY).isFinite) else {
            throw ExportFailure("the arcs span more than a Double can hold")
        }
        bounds = box
        let origin = box.isEmpty ? Coordinate(x: 0, y: 0) : Coordinate(x: box.minX, y: box.minY)
        let steps = Double(quantization - 1)
        let kx = box.isEmpty || box.maxX == box.minX ? 1 : steps / (box.maxX - box.minX)
        let ky = box.isEmpty || box.maxY == box.minY ? 1 : steps / (box.maxY - box.minY)
        scale = Coordinate(x: 1 / kx, y: 1 / ky)
        translate = origin

        let total = arcs.reduce(0) { $0 + $1.count }
        xs.reserveCapacity(total)
        ys.reserveCapacity(total)
        starts.reserveCapacity(arcs.count + 1)
        for arc in arcs {
            let start = xs.count
            for c in arc {
                // Within 0 … quantization − 1 by construction (the box holds every position).
                let x = Int32(((c.x - origin.x) * kx).rounded(.toNearestOrAwayFromZero))
                let y = Int32(((c.y - origin.y) * ky).rounded(.toNearestOrAwayFromZero))
                if xs.count > start, xs[xs.count - 1] == x, ys[ys.count - 1] == y { continue }
                xs.append(x)
                ys.append(y)
            }
            // Merging may leave one position; the arc still needs both ends (they are equal).
            if xs.count - start == 1 {
                xs.append(xs[start])
                ys.append(ys[start])
            }
            starts.append(xs.count)
        }
    }

    /// The grid position where `reference` starts (arc `i`, or arc `~i` reversed).
    func start(_ reference: Int) -> (x: Int32, y: Int32) {
        let i = reference >= 0 ? starts[reference] : starts[~reference + 1] - 1
        return (xs[i], ys[i])
    }

    /// The grid position where `reference` ends.
    func end(_ reference: Int) -> (x: Int32, y: Int32) {
        start(~reference)
    }

    /// Twice the signed area of the ring `references` on the grid (positive counter-clockwise).
    func signedArea(_ references: [Int]) -> Double {
        guard let first = references.first else { return 0 }
        let origin = start(first)
        var sum = 0.0
        var previousX = 0.0
        var previousY = 0.0
        for reference in references {
            let arc = reference >= 0 ? reference : ~reference
            let range = starts[arc]..<starts[arc + 1]
            // Each arc's first position is the previous arc's last: start at its second one.
            for k in 1..<range.count {
                let i = reference >= 0 ? range.lowerBound + k : range.upperBound - 1 - k
                let x = Double(Int64(xs[i]) - Int64(origin.x))
                let y = Double(Int64(ys[i]) - Int64(origin.y))
                sum += previousX * y - x * previousY
                previousX = x
                previousY = y
            }
        }
        return sum
    }

    /// `[[x,y],[dx,dy],…]`: arc `index` delta-encoded (the first position absolute, then each
    /// position minus the previous one).
    func write(arc index: Int, to out: BufferedFileOutput) throws {
        try out.byte(UInt8(ascii: "["))
        var previousX: Int32 = 0
        var previousY: Int32 = 0
        for i in starts[index]..<starts[index + 1] {
            if i > starts[index] { try out.byte(UInt8(ascii: ",")) }
            try out.byte(UInt8(ascii: "["))
            try out.integer(Int(xs[i]) - Int(previousX))
            try out.byte(UInt8(ascii: ","))
            try out.integer(Int(ys[i]) - Int(previousY))
            try out.byte(UInt8(ascii: "]"))
            previousX = xs[i]
            previousY = ys[i]
        }
        try out.byte(UInt8(ascii: "]"))
    }
}
