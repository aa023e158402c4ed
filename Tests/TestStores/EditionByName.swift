import BoundaryStore
import Ledger
import LedgerStatistics
import Reference
import SpatialQueries

// The library takes an `Edition` resolved once at the edge; tests name editions of their own
// hand-made stores, so these resolve the name first (a typo fails the test with the store's error).

extension BoundaryStore {
    public func projects(edition name: String) throws -> [(project: InvestmentProject, join: LedgerJoin)] {
        try projects(edition: edition(named: name))
    }

    public func sites(edition name: String) throws -> [(site: ClusterSite, join: LedgerJoin)] {
        try sites(edition: edition(named: name))
    }
}

extension UnitStatistics {
    public func compute(edition name: String, level: StatisticsLevel, metric: StatisticsMetric,
                        filter: ProjectFilter = ProjectFilter()) throws -> [UnitStatistic] {
        try compute(edition: store.edition(named: name), level: level, metric: metric, filter: filter)
    }
}

extension EditionDiff {
    public static func compare(store: BoundaryStore, from a: String, to b: String, level: StatisticsLevel = .municipality) throws -> EditionDiff {
        try compare(store: store, from: store.edition(named: a), to: store.edition(named: b), level: level)
    }
}

extension NearQuery {
    public convenience init(store: BoundaryStore, edition name: String, kind: NearbyFeature.Kind, filter: ProjectFilter = ProjectFilter()) throws {
        try self.init(store: store, edition: store.edition(named: name), kind: kind, filter: filter)
    }
}

extension NearestSiteQuery {
    public init(store: BoundaryStore, edition name: String) throws {
        self.init(store: store, edition: try store.edition(named: name))
    }
}

extension GapReportBuilder {
    public convenience init(store: BoundaryStore, edition name: String, level: StatisticsLevel) throws {
        try self.init(store: store, edition: store.edition(named: name), level: level)
    }
}
