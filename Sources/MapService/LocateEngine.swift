import BoundaryStore
import Foundation
import GeoCore
import Logging
import SpatialJoin
import Synchronization

/// What answers `/api/locate`: the CLI's `PointLocator` (units read as candidates need them)
/// from the first request, replaced by a `CoverageGridLocator` — the same answers in well under
/// a microsecond a point — once that is built in the background (a few seconds on the
/// full-resolution boundaries). Each locator is used by one request at a time.
final class LocateEngine: Sendable {
    private let onDemand: Serialized<PointLocator>
    private let grid = Mutex<Serialized<CoverageGridLocator>?>(nil)

    init(store: BoundaryStore, logger: Logger) throws {
        onDemand = Serialized(try PointLocator(store: store, maxSeaDistanceKm: 5, loading: .onDemand))
        DispatchQueue.global(qos: .utility).async { [self] in
            let started = ContinuousClock.now
            do {
                let locator = try CoverageGridLocator(store: store, maxSeaDistanceKm: 5)
                grid.withLock { $0 = Serialized(locator) }
                logger.info("locate grid ready", metadata: ["seconds": .stringConvertible((ContinuousClock.now - started).components.seconds)])
            } catch {
                logger.warning("locate grid not built; locate reads units on demand", metadata: ["error": .string(String(describing: error))])
            }
        }
    }

    /// Whether the fast grid answers already.
    var gridReady: Bool { grid.withLock { $0 != nil } }

    func locate(_ point: Coordinate) throws -> PointLocation {
        if let grid = grid.withLock({ $0 }) { return try grid.with { try $0.locate(point) } }
        return try onDemand.with { try $0.locate(point) }
    }
}
