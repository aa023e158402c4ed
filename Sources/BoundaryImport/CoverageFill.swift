import Foundation
import GeoCore

/// Fills the units a coverage lacks from a second, coarser coverage of the same territory
/// (`import boundaries PRIMARY --fill-from SECONDARY`), conflated to the primary's borders so that
/// the result is one coverage without gaps or overlaps:
///
/// 1. what of the coarse unit overlaps a primary unit is cut away (the primary's border wins);
/// 2. the slivers that open between the coarse border and the primary's finer one are given to
///    the filled unit: the area within `reach` of both, and every hole that the filled unit and
///    its neighbours enclose together (less any primary unit found in it);
/// 3. each filled unit is noded with its neighbours as soon as it is made: the same point
///    computed by two overlays becomes one, and a vertex of one unit that lies on another's edge
///    is inserted into that edge, so neighbours share their vertices exactly and the topology,
///    dissolves and simplification take the result as any other coverage;
/// 4. gaps the noding left enclosed go to the filled unit they touch.
///
/// Units to fill are taken in key order; each later one treats the earlier ones as primary, and
/// no unit takes area from a coarse unit still to come.
struct CoverageFill {
    /// How far (degrees) the slivers reach that a filled unit takes: 0.004° ≈ 350–450 m.
    var reach = 0.004
    /// Holes larger than this (square degrees, ≈ 10 km²) are not gaps but land of a unit
    /// missing from both sources; they are left as they are.
    var largestHole = 0.001
    /// Within this distance (degrees) a vertex lies on an edge: ≈ 0.1 mm.
    static let onEdgeTolerance = 1e-9

    struct Outcome: Sendable {
        var key: String
        var geometry: Geometry
        /// Areas in square degrees: the coarse unit, what was cut away, what was added.
        var sourceArea: Double
        var cutArea: Double
        var addedArea: Double
        var area: Double
        /// Primary units (by key) that border it.
        var neighbours: [String]
    }

    /// The filled units, and the primary units whose rings gained vertices (new geometries).
    /// - Throws: `GEOSError`.
    func fill(primary: [String: Geometry], missing: [(key: String, geometry: Geometry)]) throws -> (filled: [Outcome], changed: [String: Geometry]) {
        let coarse = missing.map { CoarseUnit(key: $0.key, geometry: $0.geometry) }.sorted { $0.key < $1.key }
        let groups = independentGroups(primary: primary, coarse: coarse)
        // Each group on its own thread (and GEOS context); the largest first, so that the cores
        // finish together.
        let results = try groups.concurrentMap { group in try fill(group) }
        var filled: [Outcome] = [], changed: [String: Geometry] = [:]
        for result in results {
            filled += result.filled
            changed.merge(result.changed) { first, _ in first }
        }
        return (filled.sorted { $0.key < $1.key }, changed)
    }

    struct CoarseUnit: Sendable {
        var key: String
        var geometry: Geometry
    }

    /// Units to fill that can be filled apart from each other, with the primary units they may
    /// look at or change.
    struct Group: Sendable {
        var primary: [String: Geometry]
        var coarse: [CoarseUnit]
        var cost: Int
    }

    /// The units to fill, split into groups that share no primary unit and lie too far apart to
    /// see each other: every box a fill looks in (its source's box within twice the reach, the
    /// gap pass's within twice the reach of the result, which lies within the reach of the
    /// source and of the units still to come) lies within the source's box expanded by
    /// `4 × reach` plus a margin, so a group filled alone gives exactly what filling all of them
    /// in one pass gives.
    func independentGroups(primary: [String: Geometry], coarse: [CoarseUnit]) -> [Group] {
        let margin = 4 * reach + 0.01
        let boxes = coarse.map { $0.geometry.boundingBox.expanded(dx: margin, dy: margin) }
        let primaryBounds = primary.mapValues(\.boundingBox)
        let seen = boxes.map { box in Set(primaryBounds.filter { $0.value.intersects(box) }.keys) }
        // Union–find over the units to fill: joined when their boxes meet or they see a
        // primary unit in common.
        var parent = Array(coarse.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { i = parent[i] }; return i }
        for i in coarse.indices {
            for j in coarse.indices where j > i && (boxes[i].intersects(boxes[j]) || !seen[i].isDisjoint(with: seen[j])) {
                let a = root(i), b = root(j)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var members: [Int: [Int]] = [:]
        for i in coarse.indices { members[root(i), default: []].append(i) }
        let groups = members.keys.sorted().map { first -> Group in
            let indices = members[first]!
            let keys = indices.reduce(into: Set<String>()) { $0.formUnion(seen[$1]) }
            let subset = Dictionary(uniqueKeysWithValues: keys.map { ($0, primary[$0]!) })
            return Group(primary: subset, coarse: indices.map { coarse[$0] },
                         cost: subset.values.reduce(0) { $0 + $1.vertexCount })
        }
        return groups.sorted { ($0.cost, $1.coarse[0].key) > ($1.cost, $0.coarse[0].key) }
    }

    /// Fills one group's units in key order.
    private func fill(_ group: Group) throws -> (filled: [Outcome], changed: [String: Geometry]) {
        let context = GEOSContext()
        let primary = group.primary
        var units = primary
        var bounds = primary.mapValues(\.boundingBox)
        let coarse = group.coarse
        let coarseBounds = coarse.map(\.geometry.boundingBox)
        var filled: [Outcome] = []
        var touched = Set<String>()
        // The fills whose own pass closed a hole: their borders need the second noding below.
        var closedHoles = Set<String>()
        for (index, unit) in coarse.enumerated() {
            let area = coarseBounds[index].expanded(dx: 2 * reach, dy: 2 * reach)
            let near = units.keys.filter { bounds[$0]!.intersects(area) }.sorted()
            let later = coarse.indices.filter { $0 > index && coarseBounds[$0].intersects(area) }
            let source = try GEOSGeometry(unit.geometry, context: context)
            // The neighbours within reach, clipped to it (full-resolution units run far beyond).
            let neighbours = try Self.union(near.map { units[$0]! }, clippedTo: area, context)
            let coming = try Self.union(later.map { coarse[$0].geometry }, context)
            // 1 and 2: the coarse unit and the slivers between it and its neighbours, less the
            // neighbours. Areas without a code (所属未定地: water, reclaimed land) are narrow
            // themselves: they take slivers of a tenth of the reach only.
            var result = source
            var nearBand: GEOSGeometry?
            if let neighbours {
                let reach = unit.key.hasPrefix("unassigned:") ? self.reach / 10 : self.reach
                // Only the neighbours' band along the unit matters (buffering whole
                // full-resolution units is what would take the time).
                let band = try neighbours.intersection(source.buffer(2 * reach, quadrantSegments: 2))
                // The band is simplified within a tenth of the reach before it is buffered:
                // buffering its full-resolution coast took most of the fill's time, and the
                // slivers' far edge moves by at most that tolerance (the band itself, at full
                // resolution, is what is taken off below).
                let coarseBand = try band.simplified(reach / 10)
                let slivers = try source.buffer(reach, quadrantSegments: 2).intersection(coarseBand.buffer(reach, quadrantSegments: 2))
                // The unit and its slivers lie within the band's buffer: taking the band off
                // takes off all of the neighbours that overlaps them.
                result = try source.union(slivers).difference(band)
                nearBand = band
            }
            if let coming { result = try result.difference(coming) }
            // Noded with its neighbours at once, so that the next fills' overlays see the
            // shared points as vertices on both sides (not as intersections to compute again,
            // an ulp apart): the neighbours take its vertices, then it takes theirs.
            func node(_ geometry: Geometry) -> (own: Geometry, near: [String: Geometry]) {
                let ownVertices = VertexGrid([geometry])
                let noded = Dictionary(uniqueKeysWithValues: near.map { ($0, ownVertices.node(units[$0]!)) })
                return (VertexGrid(near.map { noded[$0]! }, near: geometry.boundingBox).node(geometry), noded)
            }
            let open = try Self.polygons(of: result)
            var noded = node(open)
            // The holes it encloses with its neighbours: from the union that cancels the noded
            // borders (GEOS's general union, with the units still to come, when they do not
            // match). A hole it encloses only together with a unit still to come is that
            // unit's to close in its own pass; no hole takes a unit still to come.
            let exact = try Self.exactUnion([noded.own] + near.map { noded.near[$0]! }, clippedTo: area, context)
            let together = try exact.map { try Self.polygons(of: $0).polygons } ?? {
                var parts = [try result.clone()]
                if let neighbours { parts.append(try neighbours.clone()) }
                if let coming { parts.append(try coming.clone()) }
                return try Self.polygons(of: GEOSGeometry(collecting: parts, as: .geometryCollection, context: context).unaryUnion()).polygons
            }()
            let closed = try closeHoles(result, together: together, coming: coming, units: units, bounds: bounds, context: context)
            var geometry = open
            if closed !== result {
                closedHoles.insert(unit.key)
                geometry = try Self.polygons(of: closed)
                noded = node(geometry)
            }
            let sourceArea = try source.area(), finalArea = try GEOSGeometry(geometry, context: context).area()
            let cut = try nearBand.map { try source.intersection($0).area() } ?? 0
            filled.append(Outcome(key: unit.key, geometry: geometry, sourceArea: sourceArea, cutArea: cut,
                                  addedArea: max(0, finalArea - sourceArea + cut), area: finalArea,
                                  neighbours: near.filter { primary[$0] != nil && bounds[$0]!.intersects(geometry.boundingBox) }))
            for (key, geometry) in noded.near where geometry != units[key]! { units[key] = geometry }
            units[unit.key] = noded.own
            bounds[unit.key] = geometry.boundingBox
            touched.formUnion(near)
        }
        // 4. Gaps the noding left enclosed (a sliver between two fills' cuts): given to the
        // filled unit they touch, then noded again. Only where another fill lies within twice
        // the reach of it or its own pass closed a hole (whose new vertices the neighbours have
        // yet to take): otherwise its own pass left no gap around it. (Two fills further apart
        // enclose no gap together that the later one's own pass did not close.)
        let reaches = filled.map { bounds[$0.key]!.expanded(dx: 2 * reach, dy: 2 * reach) }
        func anotherFillNear(_ index: Int) throws -> Bool {
            let own = try GEOSGeometry(units[filled[index].key]!, context: context)
            for other in filled.indices where other != index && reaches[other].intersects(reaches[index]) {
                if try own.distance(to: GEOSGeometry(units[filled[other].key]!, context: context)) <= 2 * reach { return true }
            }
            return false
        }
        for index in filled.indices {
            guard try closedHoles.contains(filled[index].key) || anotherFillNear(index) else { continue }
            let key = filled[index].key
            let area = reaches[index]
            let near = units.keys.filter { $0 != key && bounds[$0]!.intersects(area) }.sorted()
            guard !near.isEmpty else { continue }
            // The unit is noded with its neighbours by now: their union cancels shared edges
            // (GEOS's general union of the clipped units only when it cannot).
            let members = [units[key]!] + near.map { units[$0]! }
            let together = try Self.polygons(of: Self.union(members, clippedTo: area, context)!).polygons
            let own = try GEOSGeometry(units[key]!, context: context)
            let closed = try Self.polygons(of: closeHoles(own, together: together, coming: nil, units: units.filter { $0.key != key },
                                                          bounds: bounds, context: context))
            guard closed != units[key]! else { continue }
            let ownVertices = VertexGrid([closed])
            for other in near {
                let noded = ownVertices.node(units[other]!)
                if noded != units[other]! { units[other] = noded; touched.insert(other) }
            }
            units[key] = VertexGrid(near.map { units[$0]! }, near: closed.boundingBox).node(closed)
        }
        var changed: [String: Geometry] = [:]
        for key in touched where primary[key] != nil && units[key]! != primary[key]! { changed[key] = units[key]! }
        // The final shapes, and their areas (the gap pass may have added to them).
        for i in filled.indices {
            let geometry = units[filled[i].key]!
            let area = try GEOSGeometry(geometry, context: context).area()
            filled[i].addedArea += max(0, area - filled[i].area)
            filled[i].area = area
            filled[i].geometry = geometry
        }
        return (filled, changed)
    }

    /// Adds to `result` the holes it encloses with its neighbours (gaps wider than the reach),
    /// less any primary unit found in them; `together` is the union of the unit, its neighbours
    /// and the units still to come.
    private func closeHoles(_ result: GEOSGeometry, together: [Polygon], coming: GEOSGeometry?, units: [String: Geometry],
                            bounds: [String: BoundingBox], context: GEOSContext) throws -> GEOSGeometry {
        let own = try Self.polygons(of: result)
        var closed = result
        for polygon in together {
            for hole in polygon.holes {
                let region = Geometry.polygon(Polygon(exterior: hole))
                let regionGEOS = try GEOSGeometry(region, context: context)
                guard try regionGEOS.area() <= largestHole,
                      try regionGEOS.distance(to: GEOSGeometry(own, context: context)) < Self.onEdgeTolerance else { continue }
                let box = region.boundingBox
                // Each unit taken off whole: clipped to the hole's box, a unit whose hole the
                // box lies in would come back as the whole box (GEOS's rectangle clip does not
                // look at holes a rectangle does not cross), and the gap would vanish.
                var gap = regionGEOS
                for key in units.keys.sorted() where bounds[key]!.intersects(box) {
                    gap = try gap.difference(GEOSGeometry(units[key]!, context: context))
                }
                if let coming { gap = try gap.difference(coming) }
                closed = try closed.union(gap)
            }
        }
        return closed
    }

    /// The union of some units (nil for none), clipped to `box` when one is given: the exact
    /// union (`exactUnion`) when they form a coverage, else GEOS's general union of the
    /// clipped units.
    static func union(_ geometries: [Geometry], clippedTo box: BoundingBox? = nil, _ context: GEOSContext) throws -> GEOSGeometry? {
        guard !geometries.isEmpty else { return nil }
        if let box, let exact = try exactUnion(geometries, clippedTo: box, context) { return exact }
        let members = try geometries.map { geometry in
            let whole = try GEOSGeometry(geometry, context: context)
            return try box.map { try whole.clip(to: $0) } ?? whole
        }
        return try GEOSGeometry(collecting: members, as: .geometryCollection, context: context).unaryUnion()
    }

    /// The union of units that form a coverage (the primary's, and the fills once noded with
    /// them), made by cancelling their shared edges (`CoverageBoundaryUnion`: exact, linear; GEOS's
    /// general union of the clipped units took a third of the fill's time) and clipped to
    /// `box`; nil when they do not form one or the result is not valid.
    static func exactUnion(_ geometries: [Geometry], clippedTo box: BoundingBox, _ context: GEOSContext) throws -> GEOSGeometry? {
        guard let exact = CoverageBoundaryUnion.union(geometries.flatMap(\.polygons)) else { return nil }
        let merged = try GEOSGeometry(.multiPolygon(exact), context: context)
        var clipped = try merged.clip(to: box)
        // A box that crosses no ring comes back whole, also when it lies in a hole of the
        // union (a lake or bay the units enclose): then nothing of the union is in it.
        let boxArea = (box.maxX - box.minX) * (box.maxY - box.minY)
        if try abs(clipped.area() - boxArea) <= 1e-12 * boxArea,
           try !PreparedGeometry(merged).covers(GEOSGeometry(point: Coordinate(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2),
                                                              context: context)) {
            clipped = try GEOSGeometry(.multiPolygon([]), context: context)
        }
        return try clipped.isValid() ? clipped : nil
    }

    /// The polygons of an overlay's result, as one MultiPolygon (lines and points dropped).
    static func polygons(of geometry: GEOSGeometry) throws -> Geometry {
        .multiPolygon(try geometry.value().polygons.filter { !$0.exterior.coordinates.isEmpty })
    }
}

/// The vertices of some units on a grid, to insert into the edges of another unit those that
/// lie on them (noding two coverages' borders).
struct VertexGrid {
    private var cells: [Int64: [Coordinate]] = [:]
    /// The vertices' box, widened by the tolerance: no point or edge outside it is touched
    /// (most of a full-resolution neighbour lies outside the fill's box).
    private var extent = BoundingBox.empty
    private static let cell = 0.002

    /// - Parameter box: the grid takes only the vertices in it (within the tolerance): the grid
    /// of the full-resolution neighbours, made to node one fill, needs only those near the fill.
    init(_ geometries: [Geometry], near box: BoundingBox? = nil) {
        let wanted = box?.expanded(dx: 2 * CoverageFill.onEdgeTolerance, dy: 2 * CoverageFill.onEdgeTolerance)
        for geometry in geometries {
            for polygon in geometry.polygons {
                for ring in polygon.rings {
                    for c in ring.coordinates.dropLast() where wanted?.contains(c) ?? true {
                        cells[Self.key(c), default: []].append(c)
                        extent.extend(c)
                    }
                }
            }
        }
        extent = extent.expanded(dx: CoverageFill.onEdgeTolerance, dy: CoverageFill.onEdgeTolerance)
    }

    private static func index(_ value: Double) -> Int64 { Int64((value / cell).rounded(.down)) }
    private static func key(_ c: Coordinate) -> Int64 { key(index(c.x), index(c.y)) }
    private static func key(_ x: Int64, _ y: Int64) -> Int64 { (x << 32) ^ (y & 0xFFFF_FFFF) }

    /// The geometry with every grid vertex that lies inside one of its edges inserted there.
    func node(_ geometry: Geometry) -> Geometry {
        .multiPolygon(geometry.polygons.map { polygon in
            Polygon(exterior: node(polygon.exterior), holes: polygon.holes.map(node))
        })
    }

    /// The one point that stands for `c` and the grid vertices within the tolerance of it (the
    /// same point computed by two overlays, a few ulps apart): the least of them, so that every
    /// unit picks the same; nil when that is `c` itself.
    private func twin(of c: Coordinate) -> Coordinate? {
        guard extent.contains(c) else { return nil }
        let tolerance = CoverageFill.onEdgeTolerance
        var least = c
        for x in Self.index(c.x - tolerance)...Self.index(c.x + tolerance) {
            for y in Self.index(c.y - tolerance)...Self.index(c.y + tolerance) {
                for v in cells[Self.key(x, y)] ?? [] where abs(v.x - c.x) < tolerance && abs(v.y - c.y) < tolerance
                    && (v.x, v.y) < (least.x, least.y) { least = v }
            }
        }
        return least == c ? nil : least
    }

    private func node(_ ring: LinearRing) -> LinearRing {
        // First the same points made equal (unless the ring passes through the stand-in
        // elsewhere: it would touch itself), then the points on edges inserted.
        var ringBox = BoundingBox.empty, repeats = false
        for (index, c) in ring.coordinates.enumerated() {
            ringBox.extend(c)
            if index > 0, ring.coordinates[index - 1] == c { repeats = true }
        }
        // Far from every grid vertex nothing changes (but a repeated point is dropped).
        guard ringBox.intersects(extent) || repeats else { return ring }
        var before: Set<Coordinate>?
        var points: [Coordinate] = []
        points.reserveCapacity(ring.coordinates.count)
        for c in ring.coordinates {
            var snapped = c
            if let stand = twin(of: c) {
                if before == nil { before = Set(ring.coordinates) }
                if !before!.contains(stand) { snapped = stand }
            }
            if snapped != points.last { points.append(snapped) }
        }
        guard points.count >= 2 else { return ring }
        var result: [Coordinate] = [points[0]]
        result.reserveCapacity(points.count)
        // A point the ring already passes through is not inserted again: that would make the
        // ring touch itself (invalid).
        var own: Set<Coordinate>?
        for i in 1..<points.count {
            let a = points[i - 1], b = points[i]
            var inserted: [(t: Double, c: Coordinate)] = []
            let dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy
            if length2 > 0, max(a.x, b.x) >= extent.minX, min(a.x, b.x) <= extent.maxX,
               max(a.y, b.y) >= extent.minY, min(a.y, b.y) <= extent.maxY {
                for x in Self.index(min(a.x, b.x) - CoverageFill.onEdgeTolerance)...Self.index(max(a.x, b.x) + CoverageFill.onEdgeTolerance) {
                    for y in Self.index(min(a.y, b.y) - CoverageFill.onEdgeTolerance)...Self.index(max(a.y, b.y) + CoverageFill.onEdgeTolerance) {
                        for c in cells[Self.key(x, y)] ?? [] where c != a && c != b {
                            if own == nil { own = Set(points) }
                            guard !own!.contains(c) else { continue }
                            let t = ((c.x - a.x) * dx + (c.y - a.y) * dy) / length2
                            guard t > 0, t < 1 else { continue }
                            let cross = (c.x - a.x) * dy - (c.y - a.y) * dx
                            guard abs(cross) / length2.squareRoot() < CoverageFill.onEdgeTolerance else { continue }
                            inserted.append((t, c))
                        }
                    }
                }
            }
            for point in inserted.sorted(by: { $0.t < $1.t }) where point.c != result.last { result.append(point.c) }
            if b != result.last { result.append(b) }
        }
        return LinearRing(result)
    }
}
