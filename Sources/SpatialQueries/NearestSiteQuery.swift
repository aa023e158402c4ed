import BoundaryStore
import GeoCore
import Ledger
import Reference

/// The nearest cluster site to a unit's polygon, per plan type (geodesic, 0 inside).
public struct NearestSiteQuery {
    public let store: BoundaryStore
    public let edition: Edition

    public init(store: BoundaryStore, edition: Edition) {
        self.store = store
        self.edition = edition
    }

    /// One answer per plan type that has sites (in plan order), then one for any plan (`plan` nil).
    public func nearest(to unit: ResolvedUnit) throws -> [(plan: String?, site: ClusterSite, metres: Double)] {
        let sites = try NearQuery.sites(store: store, edition: edition, filter: ProjectFilter()).map(\.0)
        guard !sites.isEmpty else { return [] }
        let records = try store.units(unit.level).filter { $0.code == unit.code }
        guard let record = records.first else { return [] }
        let nearest = try GeodesicNearest(record.geometry)
        var measured: [(site: ClusterSite, bound: Double, metres: Double?)] = sites.map {
            ($0, nearest.lowerBoundMetres(to: $0.geometry.boundingBox), nil)
        }
        measured.sort { ($0.bound, $0.site.id) < ($1.bound, $1.site.id) }
        /// The nearest among the sites `accept` keeps, measuring only what the bounds cannot rule out.
        func best(_ accept: (ClusterSite) -> Bool) throws -> (ClusterSite, Double)? {
            var found: (ClusterSite, Double)?
            for i in measured.indices where accept(measured[i].site) {
                if let found, measured[i].bound > found.1 { break }
                if measured[i].metres == nil { measured[i].metres = try nearest.distance(to: measured[i].site.geometry).metres }
                let d = measured[i].metres!
                if found == nil || (d, measured[i].site.id) < (found!.1, found!.0.id) { found = (measured[i].site, d) }
            }
            return found
        }
        var answers: [(plan: String?, site: ClusterSite, metres: Double)] = []
        for plan in Set(sites.map(\.plan)).sorted() {
            if let (site, metres) = try best({ $0.plan == plan }) { answers.append((plan, site, metres)) }
        }
        if let (site, metres) = try best({ _ in true }) { answers.append((nil, site, metres)) }
        return answers
    }
}
