import Dispatch
import Foundation
import GeoCore
import Reference
import BoundaryStore

/// `PointLocator`'s answers for many points at once, fast: a `CoverageGrid` over the store's N03
/// units (wards, municipalities and 所属未定地) answers a point inside a unit in well under a
/// microsecond, and finds the nearest unit of a point at sea (within `maxSeaDistanceKm`) the
/// way `PointLocator` measures it. The few points the grid cannot decide (on or within a hair of
/// a border) go to `PointLocator` itself. Every answer is the one `PointLocator.locate` gives.
///
/// The grid relies on the units forming a coverage (neighbours share borders vertex for vertex,
/// no overlaps), which the import checks. Should its scanlines find faces that contradict a
/// coverage, the grid is not used and every point goes to `PointLocator`.
///
/// Not thread safe: one locator per thread. `locate(_:)` itself works on every core.
public final class CoverageGridLocator {
    public let maxSeaDistanceKm: Double
    /// The points answered by `PointLocator` so far (the grid could not decide them).
    public private(set) var fallbackCount = 0
    /// The points at sea (or in a gap between units) so far, answered by the grid's nearest-unit
    /// search.
    public private(set) var seaCount = 0
    /// The grid, for diagnostics (its size, undecided corners).
    public let grid: CoverageGrid
    private let store: BoundaryStore
    /// What a point inside each unit (the grid's faces, in the order of `units`) gets.
    private let answers: [PointLocation]
    private let sea: SeaSearch
    private let usesGrid: Bool
    /// Made on first need.
    private var fallback: PointLocator?

    /// Reads the store's N03 units and indexes them.
    /// - Parameter cellDegrees: the grid's cell size (see `CoverageGrid`).
    /// - Throws: the store's errors; `LocateError.emptyStore` when nothing was imported.
    public init(store: BoundaryStore, maxSeaDistanceKm: Double = 5, cellDegrees: Double = 0.01) throws {
        self.store = store
        self.maxSeaDistanceKm = maxSeaDistanceKm
        // Wards then 所属未定地, each ordered by code: PointLocator's order of preference.
        let units = try store.units(.ward) + store.units(.unassigned)
        guard !units.isEmpty else { throw LocateError.emptyStore(store.path) }
        var cityNames: [String: String] = [:]
        for city in try store.units(.municipality, withGeometry: false) { cityNames[city.code!] = city.name }
        var bureauNames: [String: String] = [:]
        for bureau in try store.units(.bureau, withGeometry: false) { bureauNames[bureau.code!] = bureau.name }
        answers = units.map { unit in
            PointLocation(
                municipalityCode: unit.code, municipalityName: unit.code == nil ? nil : unit.name,
                cityCode: unit.cityCode, cityName: unit.cityCode.flatMap { cityNames[$0] },
                prefectureCode: unit.prefectureCode, prefectureName: unit.prefectureName,
                bureauID: unit.bureauID, bureauName: unit.bureauID.flatMap { bureauNames[$0] },
                match: unit.code == nil ? .unassigned : .inside)
        }
        grid = CoverageGrid(faces: units.map(\.geometry.polygons), cellDegrees: cellDegrees)
        sea = SeaSearch(grid: grid, answers: answers, boxes: units.map(\.geometry.boundingBox),
                        hasCode: units.map { $0.code != nil }, maxSeaDistanceKm: maxSeaDistanceKm)
        usesGrid = grid.inconsistentCrossings == 0
    }

    /// The cores the batch work is spread over (read once: it costs a file read each time).
    static let processors = ProcessInfo.processInfo.activeProcessorCount

    /// Locates one point given as longitude, latitude in degrees.
    public func locate(_ point: Coordinate) throws -> PointLocation {
        // One point (a server's request): the grid straight away, the batch path for the rest.
        if usesGrid, case .face(let face) = grid.locate(point) { return answers[face] }
        return try locate([point])[0]
    }

    /// Locates every point (longitude, latitude in degrees); the answers keep the input order.
    /// - Throws: GEOS and store errors.
    public func locate(_ points: [Coordinate]) throws -> [PointLocation] {
        // The grid's answers, and the templates of points inside units, on every core: each
        // thread fills its own slice and lists its points at sea and its undecided points.
        let chunks = min(Self.processors, max(1, points.count / 20_000))
        var atSeaByChunk = [[Int]](repeating: [], count: chunks), undecidedByChunk = atSeaByChunk
        let grid = usesGrid ? self.grid : nil, answers = self.answers
        var result = [PointLocation](unsafeUninitializedCapacity: points.count) { buffer, initialized in
            atSeaByChunk.withUnsafeMutableBufferPointer { atSeaLists in
                undecidedByChunk.withUnsafeMutableBufferPointer { undecidedLists in
                    let slots = UncheckedShare((buffer, atSeaLists, undecidedLists))
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let (buffer, atSeaLists, undecidedLists) = slots.value
                        var atSea: [Int] = [], undecided: [Int] = []
                        for k in (points.count * chunk / chunks)..<(points.count * (chunk + 1) / chunks) {
                            var location = PointLocation.nowhere
                            switch grid?.locate(points[k]) ?? .undecided {
                            case .face(let face): location = answers[face]
                            case .outside: atSea.append(k)
                            case .undecided: undecided.append(k)
                            }
                            (buffer.baseAddress! + k).initialize(to: location)
                        }
                        atSeaLists[chunk] = atSea
                        undecidedLists[chunk] = undecided
                    }
                }
            }
            initialized = points.count
        }
        let atSea = Array(atSeaByChunk.joined())
        var undecided = Array(undecidedByChunk.joined())
        seaCount += atSea.count
        // Points at sea: the nearest unit, on every core (each thread with its own GEOS context).
        if maxSeaDistanceKm > 0 && !atSea.isEmpty {
            let threads = min(Self.processors, max(1, atSea.count / 64))
            let sea = self.sea, queue = atSea
            let located = try Array(0..<threads).concurrentMap { thread -> [PointLocation?] in
                let share = queue[(queue.count * thread / threads)..<(queue.count * (thread + 1) / threads)]
                let context = GEOSContext()
                return try share.map { try sea.nearestUnit(to: points[$0], context: context) }
            }
            for (k, location) in zip(atSea, located.joined()) {
                if let location { result[k] = location } else { undecided.append(k) }
            }
            undecided.sort()
        }
        fallbackCount += undecided.count
        if !undecided.isEmpty {
            if fallback == nil {
                fallback = try PointLocator(store: store, maxSeaDistanceKm: maxSeaDistanceKm,
                                            loading: undecided.count > 1000 ? .all : .onDemand)
            }
            for k in undecided { result[k] = try fallback!.locate(points[k]) }
        }
        return result
    }

}

/// `PointLocator`'s answer for a point in no unit, from the grid: the nearest unit with a code
/// among those whose box meets the same search box, within the sea distance.
private struct SeaSearch: Sendable {
    let grid: CoverageGrid
    let answers: [PointLocation]
    let boxes: [BoundingBox]
    let hasCode: [Bool]
    let maxSeaDistanceKm: Double

    /// The answer, or nil when the grid search cannot tell.
    func nearestUnit(to point: Coordinate, context: GEOSContext) throws -> PointLocation? {
        // PointLocator's search box, to the last bit.
        let dy = maxSeaDistanceKm / 110.0
        let dx = maxSeaDistanceKm / (111.4 * max(0.05, cos(point.y * .pi / 180)))
        let box = BoundingBox(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y).expanded(dx: dx, dy: dy)
        let nearest = try grid.nearestFace(to: point, maxMetres: maxSeaDistanceKm * 1000, context: context) { face in
            hasCode[face] && boxes[face].intersects(box)
        }
        switch nearest {
        case .face(let face, let metres):
            var location = answers[face]
            location.match = .nearest(km: metres / 1000)
            return location
        case .none: return .nowhere
        case .undecided: return nil
        }
    }
}

/// Buffers handed to worker threads that each touch only their own slots.
private struct UncheckedShare<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
