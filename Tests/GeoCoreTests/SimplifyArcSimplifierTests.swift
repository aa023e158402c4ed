import Foundation
import GeoCore
import TestSupport
import XCTest

/// The arc simplifier on hand-made arcs whose answers are worked out in the comments: shapes are
/// drawn in metres and placed on the ground with `SimplifyFixtures.place`, so the tolerances mean
/// what they say.
final class SimplifyArcSimplifierTests: XCTestCase {
    typealias F = SimplifyFixtures

    private func simplify(_ arcs: [[Coordinate]], _ method: SimplificationMethod, metres: Double,
                          minimum: [Int]? = nil, free: [Bool]? = nil) -> SimplifiedArcs {
        ArcSimplifier(method: method, toleranceMetres: metres)
            .simplify(arcs, minimumInteriorPoints: minimum ?? arcs.map { _ in 0 }, freeRings: free)
    }

    // MARK: Golden cases

    /// A zig-zag with two small wiggles either side of a tall peak:
    /// P0 (0,0) P1 (100,5) P2 (200,0) P3 (300,300) P4 (400,0) P5 (500,−5) P6 (600,0).
    static let zigZag: [(Double, Double)] = [(0, 0), (100, 5), (200, 0), (300, 300), (400, 0), (500, -5), (600, 0)]

    func testVisvalingamOnAZigZagDropsTheTwoWiggles() {
        // Tolerance 50 m: areas up to 2,500 m² go. P1 and P5 have 500 m², P2 15,250, P3 30,000,
        // P4 14,750. After P1 goes, P2's triangle (P0, P2, P3) is 30,000 m²; after P5, P4's
        // (P3, P4, P6) is 45,000 m²: nothing else goes.
        let arc = F.place(Self.zigZag, latitude: 35)
        let result = simplify([arc], .visvalingam, metres: 50)
        XCTAssertEqual(result.arcs[0], F.pick(arc, [0, 2, 3, 4, 6]))
        XCTAssertEqual(result.verticesIn, 7)
        XCTAssertEqual(result.verticesOut, 5)
        // The wiggles were 5 m off the segments that replace them.
        XCTAssertEqual(result.maximumDisplacementMetres[0], 5, accuracy: 0.01)
    }

    func testDouglasPeuckerOnAZigZagKeepsTheSamePoints() {
        // Tolerance 50 m: P3 is 300 m off the chord P0–P6; under P0–P3, P2 is 141 m off (kept) and
        // under P0–P2, P1 is 5 m (dropped); symmetrically P4 is kept and P5 dropped.
        let arc = F.place(Self.zigZag, latitude: 35)
        let result = simplify([arc], .douglasPeucker, metres: 50)
        XCTAssertEqual(result.arcs[0], F.pick(arc, [0, 2, 3, 4, 6]))
        XCTAssertEqual(result.maximumDisplacementMetres[0], 5, accuracy: 0.01)
    }

    /// A narrow spike: Q0 (0,0) Q1 (10,200) Q2 (20,0) Q3 (1000,0).
    static let spike: [(Double, Double)] = [(0, 0), (10, 200), (20, 0), (1000, 0)]

    func testVisvalingamDropsANarrowSpikeThatDouglasPeuckerKeeps() {
        let arc = F.place(Self.spike, latitude: 35)
        // Tolerance 100 m (10,000 m²): Q1's triangle is 2,000 m², then Q2 is collinear.
        let vw = simplify([arc], .visvalingam, metres: 100)
        XCTAssertEqual(vw.arcs[0], F.pick(arc, [0, 3]))
        // Q1 is 200 m from Q0–Q3: more than the tolerance, as area-based simplification allows.
        XCTAssertEqual(vw.maximumDisplacementMetres[0], 200, accuracy: 0.05)
        // Douglas–Peucker: Q1 is 200 m off Q0–Q3, Q2 194 m off Q1–Q3: both stay.
        let dp = simplify([arc], .douglasPeucker, metres: 100)
        XCTAssertEqual(dp.arcs[0], arc)
        XCTAssertEqual(dp.maximumDisplacementMetres[0], 0)
    }

    func testDisplacementIsTheLargestDistanceToTheSimplifiedArc() {
        // A bump of three points over a 1 km segment: heights 30, 80 and 40 m, all within 100 m.
        let arc = F.place([(0, 0), (250, 30), (500, 80), (750, 40), (1000, 0)], latitude: 40)
        let result = simplify([arc], .douglasPeucker, metres: 100)
        XCTAssertEqual(result.arcs[0], F.pick(arc, [0, 4]))
        XCTAssertEqual(result.maximumDisplacementMetres[0], 80, accuracy: 0.02)
    }

    func testDisplacementMeasuresToTheWholeSimplifiedArcNotJustTheSegmentThatReplacedAPoint() {
        // A U-turn: out along y = 0, back along y = 100, the way back dipping to S3 (500, 40).
        let arc = F.place([(0, 0), (1000, 0), (1000, 100), (500, 40), (0, 100)], latitude: 35)
        // Douglas–Peucker at 80 m: S1 is 1,000 m off S0–S4 (kept); under S1–S4, S2 is 99.5 m off
        // (kept); under S2–S4, S3 is 60 m off: dropped.
        let result = simplify([arc], .douglasPeucker, metres: 80)
        XCTAssertEqual(result.arcs[0], F.pick(arc, [0, 1, 2, 4]))
        // S3 is 60 m from S2–S4, which replaced it, but 40 m from S0–S1: its distance to the arc.
        XCTAssertEqual(result.maximumDisplacementMetres[0], 40, accuracy: 0.05)
    }

    // MARK: Endpoints and minimums

    func testEndpointsAreAlwaysKept() {
        var random = SplitMix64(seed: 7)
        for method in SimplificationMethod.allCases {
            for _ in 0..<20 {
                let points = (0..<50).map { i in (Double(i) * 20, random.uniform(-30, 30)) }
                let arc = F.place(points, latitude: 30)
                let result = simplify([arc], method, metres: 10_000)
                XCTAssertEqual(result.arcs[0].first, arc.first)
                XCTAssertEqual(result.arcs[0].last, arc.last)
                XCTAssertEqual(result.arcs[0].count, 2, "a huge tolerance leaves the chord")
            }
        }
    }

    /// A 1 km square ring anchored mid-side, with extra points on its sides.
    static let square: [(Double, Double)] = [
        (500, 0), (1000, 0), (1000, 500), (1000, 1000), (500, 1000), (0, 1000), (0, 500), (0, 0), (500, 0),
    ]

    func testClosedArcsKeepTheirMinimumAndNeverLessThanTwoInteriorPoints() {
        let ring = F.place(Self.square, latitude: 35)
        for method in SimplificationMethod.allCases {
            for minimum in [0, 1, 2] {
                let result = simplify([ring], method, metres: 100_000, minimum: [minimum])
                XCTAssertEqual(result.arcs[0].count, 4, "\(method) minimum \(minimum): anchor, two points, anchor")
                XCTAssertEqual(result.arcs[0].first, result.arcs[0].last)
            }
        }
    }

    func testOpenArcKeepsItsMinimumInteriorPoints() {
        let arc = F.place([(0, 0), (100, 1), (200, 3), (300, 1), (400, 0)], latitude: 35)
        for method in SimplificationMethod.allCases {
            for minimum in [0, 1, 2] {
                let result = simplify([arc], method, metres: 1_000, minimum: [minimum])
                XCTAssertEqual(result.arcs[0].count, 2 + minimum, "\(method) minimum \(minimum)")
            }
            // With one to keep, it is the most important: the 3 m peak.
            XCTAssertEqual(simplify([arc], method, metres: 1_000, minimum: [1]).arcs[0], F.pick(arc, [0, 2, 4]))
        }
    }

    func testFreeRingMayLoseItsAnchorAndStaysClosed() {
        let ring = F.place(Self.square, latitude: 35)
        // Tolerance 100 m: the mid-side points are collinear (area 0) and go; corners (125,000 m²)
        // stay. Anchored, the anchor (500, 0) stays; free, it goes too.
        let anchored = simplify([ring], .visvalingam, metres: 100)
        XCTAssertEqual(anchored.arcs[0], F.pick(ring, [0, 1, 3, 5, 7, 8]))
        let free = simplify([ring], .visvalingam, metres: 100, free: [true])
        XCTAssertEqual(free.arcs[0], F.pick(ring, [1, 3, 5, 7, 1]), "starts at its first kept point")
        // A free ring keeps as many distinct points as an anchored one: three.
        let tiny = simplify([ring], .visvalingam, metres: 100_000, minimum: [2], free: [true])
        XCTAssertEqual(Set(tiny.arcs[0]).count, 3)
        XCTAssertEqual(tiny.arcs[0].first, tiny.arcs[0].last)
    }

    func testDegenerateInputs() {
        for method in SimplificationMethod.allCases {
            XCTAssertEqual(simplify([], method, metres: 10).arcs, [])
            let point = F.place([(0, 0)], latitude: 35), segment = F.place([(0, 500), (100, 500)], latitude: 35)
            // Repeated points have no area and lie on their chord: they go.
            let stutter = F.place([(0, 0), (0, 0), (50, 1), (50, 1), (100, 0)], latitude: 35)
            let result = simplify([[], point, segment, stutter], method, metres: 10)
            XCTAssertEqual(result.arcs, [[], point, segment, F.pick(stutter, [0, 4])], "\(method)")
            XCTAssertEqual(result.verticesIn, 8)
            XCTAssertEqual(result.verticesOut, 5)
        }
    }

    // MARK: Topology

    func testSpikeWhoseRemovalWouldSweepOverANeighboursVertexStays() {
        // Arc A: (0,0) (100,40) (200,0): the corner's triangle is 4,000 m², within 100 m's
        // 10,000. Arc B runs down from (100,20), inside that triangle: dropping (100,40) would make
        // A's chord cross B.
        let a = F.place([(0, 0), (100, 40), (200, 0)], latitude: 35)
        let b = F.place([(100, 20), (100, -500)], latitude: 35)
        for method in SimplificationMethod.allCases {
            let result = simplify([a, b], method, metres: 100)
            XCTAssertEqual(result.arcs[0], a, "\(method)")
            // With B out of the way (above the peak), the point goes.
            let away = F.place([(100, 60), (100, 500)], latitude: 35)
            XCTAssertEqual(simplify([a, away], method, metres: 100).arcs[0], F.pick(a, [0, 2]), "\(method)")
        }
    }

    func testCornerRefusedBecauseOfANeighbourGoesOnceTheNeighbourIsSimplified() {
        // A's corner (100,40) holds B's narrow spike tip (100,20) (B: (90,−300) (100,20)
        // (110,−300), never crossing A). A comes first and is refused; B then drops its tip
        // (3,200 m² at 100 m), and the next pass drops A's corner.
        let a = F.place([(0, 0), (100, 40), (200, 0)], latitude: 35)
        let b = F.place([(90, -300), (100, 20), (110, -300)], latitude: 35)
        let result = simplify([a, b], .visvalingam, metres: 100)
        XCTAssertEqual(result.arcs[0], F.pick(a, [0, 2]))
        XCTAssertEqual(result.arcs[1], F.pick(b, [0, 2]))
        XCTAssertEqual(simplify([b, a], .visvalingam, metres: 100).arcs, [F.pick(b, [0, 2]), F.pick(a, [0, 2])])
    }

    func testDouglasPeuckerSplitsARangeItCannotDropAtTheRefusedPoint() {
        // A: (0,0) (100,30) (200,0) (300,30) (400,0), all within 30 m of the chord: at 50 m plain
        // Douglas–Peucker drops all three. B hangs from (300,10), inside A's last corner, so
        // (300,30) stays; the range (0,0)…(300,30) is then dropped whole (its points are 19.9 m
        // from that chord, whose triangles miss B).
        let a = F.place([(0, 0), (100, 30), (200, 0), (300, 30), (400, 0)], latitude: 35)
        let b = F.place([(300, 10), (300, -200)], latitude: 35)
        let result = simplify([a, b], .douglasPeucker, metres: 50)
        XCTAssertEqual(result.arcs[0], F.pick(a, [0, 3, 4]))
        XCTAssertLessThanOrEqual(result.maximumDisplacementMetres[0], 50)
        XCTAssertEqual(result.maximumDisplacementMetres[0], 19.9, accuracy: 0.1)
        XCTAssertEqual(simplify([a], .douglasPeucker, metres: 50).arcs[0], F.pick(a, [0, 4]))
    }

    func testTwoArcsBetweenTheSameJunctionsNeverCoincide() {
        // A ring of two arcs from J1 (0,0) to J2 (1000,0), bulging 10 m either way, no minimum:
        // the first becomes the chord J1–J2; the second must keep its point, or the ring is gone.
        let a = F.place([(0, 0), (500, 10), (1000, 0)], latitude: 35)
        let b = F.place([(0, 0), (500, -10), (1000, 0)], latitude: 35)
        for method in SimplificationMethod.allCases {
            let result = simplify([a, b], method, metres: 1_000)
            XCTAssertEqual(result.arcs[0], F.pick(a, [0, 2]), "\(method)")
            XCTAssertEqual(result.arcs[1], b, "\(method)")
            // Running the other way round too.
            XCTAssertEqual(simplify([b.reversed(), a], method, metres: 1_000).arcs[1], a, "\(method)")
        }
    }

    func testArcsThatDoNotCrossStillDoNotCrossAfterHeavySimplification() {
        // Twelve waves 100 m apart, rings between them, arcs joining them at shared endpoints
        // (`SimplifyFixtures.comb`). Simplified far beyond the spacing, unchecked removals would
        // cross everywhere.
        let arcs = F.comb(seed: 11)
        for method in SimplificationMethod.allCases {
            for metres in [30.0, 100, 300, 3_000] {
                let result = simplify(arcs, method, metres: metres, minimum: arcs.map { $0.first == $0.last ? 2 : 0 })
                XCTAssertNil(F.crossing(result.arcs), "\(method) at \(metres) m")
                XCTAssertLessThan(result.verticesOut, result.verticesIn)
            }
        }
        XCTAssertNil(F.crossing(arcs), "the input itself is clean")
    }

    func testTwoArcsThatAreTheSameBorderComeOutIdentical() {
        var random = SplitMix64(seed: 3)
        let border = F.place((0..<200).map { i in (Double(i) * 10, random.uniform(-20, 20)) }, latitude: 35)
        for method in SimplificationMethod.allCases {
            let result = simplify([border, border.reversed(), border], method, metres: 50)
            XCTAssertLessThan(result.arcs[0].count, border.count)
            XCTAssertEqual(result.arcs[1], result.arcs[0].reversed(), "\(method)")
            XCTAssertEqual(result.arcs[2], result.arcs[0], "\(method)")
            XCTAssertEqual(result.maximumDisplacementMetres[1], result.maximumDisplacementMetres[0])
            // Alone it simplifies the same: its copies do not block it.
            XCTAssertEqual(simplify([border], method, metres: 50).arcs[0], result.arcs[0], "\(method)")
        }
    }

    // MARK: Several tolerances

    func testLevelsComeInTheOrderGivenNestAndMatchSingleRunsAtTheFinest() {
        let arcs = F.comb(seed: 8)
        let minimum = arcs.map { $0.first == $0.last ? 2 : 0 }
        let tolerances = [300.0, 30, 100, 30]
        for method in SimplificationMethod.allCases {
            let levels = ArcSimplifier.simplify(arcs, minimumInteriorPoints: minimum, method: method, tolerancesMetres: tolerances)
            XCTAssertEqual(levels.count, 4)
            XCTAssertEqual(levels[1].arcs, levels[3].arcs)
            // The finest level is what a single run gives; Douglas–Peucker's are all single runs.
            let single = { (metres: Double) in self.simplify(arcs, method, metres: metres, minimum: minimum).arcs }
            XCTAssertEqual(levels[1].arcs, single(30), "\(method)")
            if method == .douglasPeucker {
                XCTAssertEqual(levels[0].arcs, single(300))
                XCTAssertEqual(levels[2].arcs, single(100))
            } else {
                // Coarser levels keep a subset of the finer levels' points.
                for (coarse, fine) in [(0, 2), (2, 1)] {
                    for (c, f) in zip(levels[coarse].arcs, levels[fine].arcs) {
                        XCTAssertTrue(Set(c).isSubset(of: Set(f)))
                    }
                }
                XCTAssertLessThan(levels[0].verticesOut, levels[2].verticesOut)
            }
            for level in levels { XCTAssertNil(F.crossing(level.arcs), "\(method)") }
        }
    }

    // MARK: Determinism and units

    func testSameInputGivesTheSameOutput() {
        let arcs = F.comb(seed: 5)
        let minimum = arcs.map { $0.first == $0.last ? 2 : 0 }
        for method in SimplificationMethod.allCases {
            let first = simplify(arcs, method, metres: 150, minimum: minimum)
            let second = simplify(arcs, method, metres: 150, minimum: minimum)
            XCTAssertEqual(first.arcs, second.arcs)
            XCTAssertEqual(first.maximumDisplacementMetres, second.maximumDisplacementMetres)
        }
    }

    func testToleranceIsInMetresAtAnyLatitude() {
        var random = SplitMix64(seed: 21)
        let shape = (0..<300).map { i in (Double(i) * 15, random.uniform(-40, 40)) }
        for method in SimplificationMethod.allCases {
            // The same shape in metres at 26°N (Okinawa) and 44°N (Hokkaido): the same points go.
            let south = F.place(shape, latitude: 26), north = F.place(shape, latitude: 44)
            let s = simplify([south], method, metres: 60), n = simplify([north], method, metres: 60)
            XCTAssertEqual(F.indices(of: s.arcs[0], in: south), F.indices(of: n.arcs[0], in: north), "\(method)")
            XCTAssertEqual(s.maximumDisplacementMetres[0], n.maximumDisplacementMetres[0], accuracy: 0.05)
        }
        // The same shape in degrees is 20 % narrower east–west at 44°N than at 26°N: the corner
        // (0,0) (0.001°,0.0003°) (0.002°,0) is 3,330 m² at 26°N and 2,670 m² at 44°N (tolerance
        // 55 m = 3,025 m²): kept in the south, dropped in the north.
        for (latitude, kept) in [(26.0, 3), (44.0, 2)] {
            let arc = [0.0, 0.001, 0.002].enumerated().map { i, dx in
                Coordinate(x: 130 + dx, y: latitude + (i == 1 ? 0.0003 : 0))
            }
            XCTAssertEqual(simplify([arc], .visvalingam, metres: 55).arcs[0].count, kept, "at \(latitude)°N")
        }
    }
}

/// Shapes for the simplifier tests, drawn in metres and placed on the ground.
enum SimplifyFixtures {
    /// Points given in metres east and north of (130°E, `latitude`), converted with GRS80's
    /// radii of curvature there — the local projection the simplifier measures in.
    static func place(_ metres: [(Double, Double)], latitude: Double) -> [Coordinate] {
        let a = 6_378_137.0, f = 1 / 298.257222101
        let e2 = f * (2 - f)
        let phi = latitude * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        let n = a / w.squareRoot(), m = a * (1 - e2) / (w * w.squareRoot())
        let perDegreeX = n * cos(phi) * .pi / 180, perDegreeY = m * .pi / 180
        return metres.map { Coordinate(x: 130 + $0.0 / perDegreeX, y: latitude + $0.1 / perDegreeY) }
    }

    static func pick(_ arc: [Coordinate], _ indices: [Int]) -> [Coordinate] { indices.map { arc[$0] } }

    /// The positions of `kept` in `arc` (each kept point is one of the arc's).
    static func indices(of kept: [Coordinate], in arc: [Coordinate]) -> [Int] {
        var result: [Int] = []
        var from = 0
        for c in kept {
            guard let i = arc[from...].firstIndex(of: c) else { return result + [-1] }
            result.append(i)
            from = i + 1
        }
        return result
    }

    /// Twelve parallel waves 100 m apart (amplitude 300 m, wavelength 1 km, ±20 m of jitter
    /// every 10 m: at every x a line lies at least 60 m below the next, so they never touch),
    /// short arcs joining neighbouring lines at their ends, and a small ring midway between each
    /// pair. Simplifying a wave to its chord would cut through its neighbours.
    static func comb(seed: UInt64) -> [[Coordinate]] {
        var random = SplitMix64(seed: seed)
        func wave(_ x: Double) -> Double { 300 * sin(2 * .pi * x / 1000) }
        var arcs: [[(Double, Double)]] = []
        let lines = 12, length = 2_000.0
        for line in 0..<lines {
            let y = Double(line) * 100
            var points: [(Double, Double)] = [(0, y)]
            for x in stride(from: 10.0, to: length, by: 10) { points.append((x, y + wave(x) + random.uniform(-20, 20))) }
            points.append((length, y))
            arcs.append(points)
        }
        for line in 0..<(lines - 1) {
            let y = Double(line) * 100
            // Joins at the line ends (where the wave is 0), bulging outwards.
            arcs.append([(0, y), (-30, y + 50), (0, y + 100)])
            arcs.append([(length, y), (length + 30, y + 50), (length, y + 100)])
            // A ring of 16 points, radius 2–4 m: within 12 m of the midline, the lines 20 m away.
            let cx = 100 + random.uniform(0, length - 200), cy = y + 50 + wave(cx)
            var ring: [(Double, Double)] = []
            for k in 0..<16 {
                let angle = Double(k) / 16 * 2 * .pi, r = random.uniform(2, 4)
                ring.append((cx + r * cos(angle), cy + r * sin(angle)))
            }
            ring.append(ring[0])
            arcs.append(ring)
        }
        return arcs.map { place($0, latitude: 36) }
    }

    /// The first pair of segments that cross or touch anywhere but at a shared endpoint of two
    /// consecutive segments, or nil. Brute force: for small test data only.
    static func crossing(_ arcs: [[Coordinate]]) -> String? {
        var segments: [(Coordinate, Coordinate, arc: Int, index: Int)] = []
        for (a, arc) in arcs.enumerated() where arc.count >= 2 {
            for i in 1..<arc.count { segments.append((arc[i - 1], arc[i], a, i)) }
        }
        for i in 0..<segments.count {
            for j in (i + 1)..<segments.count {
                let s = segments[i], t = segments[j]
                if touch(s.0, s.1, t.0, t.1) {
                    return "arc \(s.arc) segment \(s.index) meets arc \(t.arc) segment \(t.index)"
                }
            }
        }
        return nil
    }

    /// Whether segments pq and rs share a point other than a common endpoint.
    private static func touch(_ p: Coordinate, _ q: Coordinate, _ r: Coordinate, _ s: Coordinate) -> Bool {
        let shared = [p, q].filter { $0 == r || $0 == s }
        if shared.count == 2 { return true }  // the same segment twice: a collapse
        func orient(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Double {
            (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        }
        func onSegment(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Bool {
            orient(a, b, c) == 0 && min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
        }
        if shared.count == 1 {
            // Meeting at the shared endpoint is fine; overlapping beyond it is not.
            let far1 = shared[0] == p ? q : p, far2 = shared[0] == r ? s : r
            return onSegment(r, s, far1) || onSegment(p, q, far2)
        }
        let d1 = orient(r, s, p), d2 = orient(r, s, q), d3 = orient(p, q, r), d4 = orient(p, q, s)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return onSegment(r, s, p) || onSegment(r, s, q) || onSegment(p, q, r) || onSegment(p, q, s)
    }
}
