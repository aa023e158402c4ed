import Foundation
import GeoCore
import Reference
import BoundaryStore

/// `investmap simplify`: builds simplified scales of the stored boundaries without gaps or
/// overlaps. The N03 units' coverage is cut into arcs (each border once), every arc is
/// simplified once with its junctions fixed, the units are rebuilt from the kept vertices, and
/// cities, prefectures and bureaus are dissolved from those — so every level at every scale
/// shares its borders exactly.
public struct BoundarySimplifier: Sendable {
    public let reference: ReferenceTables
    public let census: CensusPopulation?

    public init(reference: ReferenceTables, census: CensusPopulation?) {
        self.reference = reference
        self.census = census
    }

    /// What one scale came out as.
    public struct Outcome: Sendable {
        public var level: SimplifiedLevel
        public var verticesIn: Int
        public var arcs: Int
        /// Borders shared by two units in the source that the simplified units no longer share
        /// (a gap or overlap would show here); 0 by construction.
        public var bordersOpened: Int
        /// Rebuilding, dissolving and writing this scale (the shared simplification pass not included).
        public var seconds: Double
    }

    /// Builds and stores each scale.
    /// - Throws: `CoverageError` when the stored units are not a coverage (overlapping units or
    ///   borders that do not match, named by unit pairs); the store's errors.
    public func run(store: BoundaryStore, scales: [ScaleSpecification], method: SimplificationMethod,
                    progress: (String) -> Void = { _ in }) throws -> [Outcome] {
        let clock = ContinuousClock()
        var lapStart = clock.now
        func lap(_ what: String) {
            let d = lapStart.duration(to: clock.now)
            progress(String(format: "  %@: %.2f s", what, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
            lapStart = clock.now
        }
        let wards = try store.units(.ward)
        let unassigned = try store.units(.unassigned)
        guard !wards.isEmpty else { throw CoverageError("\(store.path): no boundaries in the store; run `investmap import boundaries` first") }
        let edition = wards[0].edition
        let faces = wards + unassigned
        lap("read the store")
        let arcs = try Self.coverageArcs(faces, lap: lap)
        let topology = arcs.topology
        let arcCoordinates = arcs.arcs
        let minimumInterior = arcs.minimumInteriorPoints
        let verticesIn = faces.reduce(0) { $0 + $1.geometry.vertexCount }
        let sourcePairs = Self.sharedPairs(arcs)
        progress("topology: \(arcCoordinates.count) arcs, \(topology.vertexCount) vertices, \(sourcePairs.count) neighbouring unit pairs")

        // Every scale in one pass: each coarser scale keeps a subset of the finer one's points.
        let results = ArcSimplifier.simplify(arcCoordinates, minimumInteriorPoints: minimumInterior, freeRings: arcs.freeRings,
                                             method: method, tolerancesMetres: scales.map(\.toleranceMetres),
                                             displacementLimitsAtEquator: scales.map(\.displacementLimitAtEquator))
        lap("simplify arcs")
        let rollUp = RollUp(reference: reference, census: census, edition: edition)
        var outcomes: [Outcome] = []
        for (scale, simplified) in zip(scales, results) {
            let started = ContinuousClock.now
            let (rebuilt, moved, tooClose) = arcs.faces(simplified: simplified.arcs, clearance: ArcSimplifier.exportGridClearance)
            progress("  \(scale.name): \(moved) vertices moved apart (< 0.2 m) to keep the 6-decimal grid valid"
                     + (tooClose > 0 ? ", \(tooClose) vertex–segment pairs still too close" : ""))
            var simplifiedWards: [UnitRecord] = []
            var simplifiedUnassigned: [UnitRecord] = []
            for (face, polygons) in zip(faces, rebuilt) {
                guard !polygons.isEmpty else {
                    throw CoverageError("\(face.code ?? "-") \(face.name) collapsed at \(scale.name)")
                }
                var unit = face
                unit.geometry = .multiPolygon(polygons)
                if unit.code == nil { simplifiedUnassigned.append(unit) } else { simplifiedWards.append(unit) }
            }
            // The same vertices on both sides of every border: check it on the result.
            lap("rebuild units")
            // Faces keep their order (wards, then 所属未定地), so face indices still match.
            let check = CoverageTopology(faces: (simplifiedWards + simplifiedUnassigned).map(\.geometry.polygons))
            let opened = check.overlaps.count
                + sourcePairs.subtracting(Self.sharedPairs(CoverageArcs(check))).count

            lap("check shared borders")
            let dissolved = rollUp.dissolve(wards: simplifiedWards, unassigned: simplifiedUnassigned)
            let levels = try rollUp.levels(from: dissolved, suspect: [])
            let units = simplifiedWards + simplifiedUnassigned + rollUp.ordinaryMunicipalities(simplifiedWards)
                + levels.cityMunicipalities + levels.designatedCities + levels.prefectures + levels.bureaus
            let vertices = (simplifiedWards + simplifiedUnassigned).reduce(0) { $0 + $1.geometry.vertexCount }
            let level = SimplifiedLevel(name: scale.name, toleranceMetres: scale.toleranceMetres, method: method.rawValue,
                                        vertices: vertices,
                                        maximumDisplacementMetres: simplified.maximumDisplacementMetres.max() ?? 0)
            lap("dissolve levels")
            try store.replaceSimplifiedLevel(level, units: units)
            lap("write")
            let seconds = started.duration(to: .now)
            outcomes.append(Outcome(level: level, verticesIn: verticesIn, arcs: arcCoordinates.count, bordersOpened: opened,
                                    seconds: Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18))
        }
        return outcomes
    }

    /// The arcs of the stored units' coverage.
    /// - Throws: `CoverageError` naming up to 20 unit pairs that overlap or whose borders do not match.
    static func coverageArcs(_ faces: [UnitRecord], lap: (String) -> Void) throws -> CoverageArcs {
        let topology = CoverageTopology(faces: faces.map(\.geometry.polygons))
        lap("topology")
        if !topology.overlaps.isEmpty {
            let pairs = topology.overlaps.prefix(20).map { o in
                "\(faces[o.first].code ?? "-") \(faces[o.first].name) / \(faces[o.second].code ?? "-") \(faces[o.second].name) near \(o.at)"
            }
            throw CoverageError("the stored units are not a coverage: \(topology.overlaps.count) overlapping unit pair(s): "
                                + pairs.joined(separator: "; "))
        }
        let arcs = CoverageArcs(topology)
        lap("arcs")
        let findings = try CoverageOverlapScan.scan(faces, arcs)
        lap("overlap scan")
        if !findings.isEmpty {
            let pairs = findings.prefix(20).map { f in
                "\(faces[f.unit].code ?? "-") \(faces[f.unit].name) / \(faces[f.other].code ?? "-") \(faces[f.other].name) "
                    + (f.overlaps ? "overlap" : "borders do not match") + " near \(f.at)"
            }
            throw CoverageError("the stored units are not a coverage: \(findings.count)\(findings.count >= 50 ? "+" : "") unit pair(s) "
                                + "overlap or have borders that do not match: " + pairs.joined(separator: "; "))
        }
        return arcs
    }

    /// The pairs of units that share a border.
    private static func sharedPairs(_ arcs: CoverageArcs) -> Set<UInt64> {
        var pairs = Set<UInt64>()
        for i in arcs.leftFace.indices where arcs.leftFace[i] >= 0 && arcs.rightFace[i] >= 0 {
            let a = UInt64(UInt32(min(arcs.leftFace[i], arcs.rightFace[i]))), b = UInt64(UInt32(max(arcs.leftFace[i], arcs.rightFace[i])))
            pairs.insert(a << 32 | b)
        }
        return pairs
    }
}

/// The stored units cannot be simplified as a coverage; the message names the units.
public struct CoverageError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
