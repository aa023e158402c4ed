import GeoCore

/// Writes geometries as RFC 7946 GeoJSON geometry objects with coordinates rounded to a fixed
/// number of decimals, cleaned so that the rounded rings stay valid GeoJSON: consecutive positions
/// that round to the same point are merged, rings are closed, exterior rings run counter-clockwise
/// and holes clockwise, and rings that collapse (fewer than 4 positions or no area) are left out.
///
/// Rounding is done on integers (`coordinate × 10^decimals`), so orientation and collapse are
/// decided exactly on the positions that are written. Keeps its scratch buffers between geometries.
public struct GeoJSONGeometryWriter {
    let decimals: Int
    private let scale: Double
    private var xs: [Int64] = []
    private var ys: [Int64] = []
    /// Positions written so far.
    private(set) var positions = 0
    /// Rings left out so far because rounding collapsed them.
    private(set) var droppedRings = 0

    /// Scaled coordinates must stay below 2^53, where every integer is an exact `Double`.
    private static let scaledLimit = 9_007_199_254_740_992.0

    public init(decimals: Int) {
        self.decimals = decimals
        scale = Double(BufferedFileOutput.powersOfTen[decimals])
    }

    /// Writes `geometry` as a GeoJSON geometry object.
    /// - Throws: `ExportFailure` for a coordinate that is not finite or too large, and for a
    ///   polygon (or every part of a multipolygon) that collapses when rounded; `ExportError`
    ///   when the file cannot be written.
    public mutating func write(_ geometry: Geometry, to out: BufferedFileOutput) throws {
        try out.raw(#"{"type":"#)
        try out.string(geometry.geoJSONTypeName)
        if case .geometryCollection(let members) = geometry {
            try out.raw(#","geometries":["#)
            for (i, member) in members.enumerated() {
                if i > 0 { try out.byte(UInt8(ascii: ",")) }
                try write(member, to: out)
            }
            try out.raw("]}")
            return
        }
        try out.raw(#","coordinates":"#)
        switch geometry {
        case .point(let c):
            try position(c, to: out)
        case .multiPoint(let cs):
            try out.byte(UInt8(ascii: "["))
            for (i, c) in cs.enumerated() {
                if i > 0 { try out.byte(UInt8(ascii: ",")) }
                try position(c, to: out)
            }
            try out.byte(UInt8(ascii: "]"))
        case .lineString(let line):
            try self.line(line, to: out)
        case .multiLineString(let lines):
            try out.byte(UInt8(ascii: "["))
            for (i, line) in lines.enumerated() {
                if i > 0 { try out.byte(UInt8(ascii: ",")) }
                try self.line(line, to: out)
            }
            try out.byte(UInt8(ascii: "]"))
        case .polygon(let polygon):
            guard try self.polygon(polygon, to: out) else { throw collapsed("the polygon") }
        case .multiPolygon(let polygons):
            try out.byte(UInt8(ascii: "["))
            var written = 0
            for polygon in polygons {
                if try self.polygon(polygon, to: out, separator: written > 0) { written += 1 }
            }
            guard written > 0 else { throw collapsed(polygons.isEmpty ? "the multipolygon has no parts and" : "every part of the multipolygon") }
            try out.byte(UInt8(ascii: "]"))
        case .geometryCollection:
            break  // written above
        }
        try out.byte(UInt8(ascii: "}"))
    }

    /// `geometry` as a GeoJSON geometry object in memory (RFC 7946: 6 decimals, about 10 cm).
    /// - Throws: `ExportFailure` as `write(_:to:)`.
    public static func bytes(_ geometry: Geometry, decimals: Int = 6) throws -> [UInt8] {
        var writer = GeoJSONGeometryWriter(decimals: decimals)
        let out = BufferedFileOutput(collecting: "GeoJSON geometry")
        try writer.write(geometry, to: out)
        return out.collectedBytes()
    }

    private func collapsed(_ what: String) -> ExportFailure {
        ExportFailure("\(what) collapses when rounded to \(decimals) decimals")
    }

    /// Writes the polygon's rings (preceded by a comma when `separator`), exterior counter-clockwise
    /// and holes clockwise; returns false, writing nothing, when the exterior collapses.
    private mutating func polygon(_ polygon: Polygon, to out: BufferedFileOutput, separator: Bool = false) throws -> Bool {
        let exteriorArea = try round(polygon.exterior.coordinates)
        guard exteriorArea != 0 else {
            droppedRings += 1 + polygon.holes.count
            return false
        }
        if separator { try out.byte(UInt8(ascii: ",")) }
        try out.byte(UInt8(ascii: "["))
        try writeRounded(reversed: exteriorArea < 0, to: out)
        for hole in polygon.holes {
            let area = try round(hole.coordinates)
            guard area != 0 else {
                droppedRings += 1
                continue
            }
            try out.byte(UInt8(ascii: ","))
            try writeRounded(reversed: area > 0, to: out)
        }
        try out.byte(UInt8(ascii: "]"))
        return true
    }

    /// A line keeps at least two positions, repeating the only one left if rounding merged them all.
    private mutating func line(_ line: [Coordinate], to out: BufferedFileOutput) throws {
        try roundMergingRepeats(line)
        if xs.count == 1 {
            xs.append(xs[0])
            ys.append(ys[0])
        }
        try writeRounded(reversed: false, to: out)
    }

    private mutating func position(_ c: Coordinate, to out: BufferedFileOutput) throws {
        let (x, y) = try rounded(c)
        try out.byte(UInt8(ascii: "["))
        try out.fixed(x, decimals: decimals)
        try out.byte(UInt8(ascii: ","))
        try out.fixed(y, decimals: decimals)
        try out.byte(UInt8(ascii: "]"))
        positions += 1
    }

    /// Rounds a ring into the scratch buffers, merged and closed; returns twice its signed area in
    /// scaled units (positive counter-clockwise), or 0 when the ring collapsed.
    private mutating func round(_ ring: [Coordinate]) throws -> Double {
        try roundMergingRepeats(ring)
        if let firstX = xs.first, let firstY = ys.first, firstX != xs[xs.count - 1] || firstY != ys[ys.count - 1] {
            xs.append(firstX)
            ys.append(firstY)
        }
        guard xs.count >= 4 else { return 0 }
        // Shoelace relative to the first position: the terms stay small integers, exact in Double
        // for any ring smaller than a few degrees, so a zero area is really zero.
        let x0 = xs[0]
        let y0 = ys[0]
        var sum = 0.0
        for i in 1..<(xs.count - 2) {
            let ax = Double(xs[i] - x0), ay = Double(ys[i] - y0)
            let bx = Double(xs[i + 1] - x0), by = Double(ys[i + 1] - y0)
            sum += ax * by - bx * ay
        }
        return sum
    }

    private mutating func roundMergingRepeats(_ coordinates: [Coordinate]) throws {
        xs.removeAll(keepingCapacity: true)
        ys.removeAll(keepingCapacity: true)
        for c in coordinates {
            let (x, y) = try rounded(c)
            if let lastX = xs.last, lastX == x, ys[ys.count - 1] == y { continue }
            xs.append(x)
            ys.append(y)
        }
    }

    @inline(__always)
    private func rounded(_ c: Coordinate) throws -> (Int64, Int64) {
        let x = (c.x * scale).rounded(.toNearestOrAwayFromZero)
        let y = (c.y * scale).rounded(.toNearestOrAwayFromZero)
        // NaN fails the comparison too.
        guard x.magnitude < Self.scaledLimit, y.magnitude < Self.scaledLimit else {
            throw ExportFailure("coordinate \(c) is not finite or too large to write with \(decimals) decimals")
        }
        return (Int64(x), Int64(y))
    }

    /// `[[x,y],…]` from the scratch buffers, forwards or backwards.
    private mutating func writeRounded(reversed: Bool, to out: BufferedFileOutput) throws {
        try out.byte(UInt8(ascii: "["))
        let count = xs.count
        for k in 0..<count {
            let i = reversed ? count - 1 - k : k
            if k > 0 { try out.byte(UInt8(ascii: ",")) }
            try out.byte(UInt8(ascii: "["))
            try out.fixed(xs[i], decimals: decimals)
            try out.byte(UInt8(ascii: ","))
            try out.fixed(ys[i], decimals: decimals)
            try out.byte(UInt8(ascii: "]"))
        }
        try out.byte(UInt8(ascii: "]"))
        positions += count
    }
}
