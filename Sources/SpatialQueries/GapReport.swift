import BoundaryStore
import LedgerStatistics
import Reference

/// What a coverage-gap report asks.
public struct GapReportOptions: Sendable, Equatable {
    /// The bureau id (e.g. "kanto").
    public var bureau: String
    /// Only this prefecture of the bureau.
    public var prefecture: String?
    /// Which projects (and, with `siteKilometres`, which sites: plan, one of their fields) count.
    public var filter: ProjectFilter
    /// When set, a unit is covered when a matching cluster site lies within this many km of its
    /// polygon; otherwise when a matching project lies in it.
    public var siteKilometres: Double?
    /// Units with a smaller (or unknown) population are left out of the list and the summary.
    public var minimumPopulation: Double?
    /// `.ward` (the N03 unit, wards of designated cities) or `.municipality`.
    public var level: StatisticsLevel

    public init(bureau: String, prefecture: String? = nil, filter: ProjectFilter = ProjectFilter(), siteKilometres: Double? = nil,
                minimumPopulation: Double? = nil, level: StatisticsLevel = .ward) {
        self.bureau = bureau
        self.prefecture = prefecture
        self.filter = filter
        self.siteKilometres = siteKilometres
        self.minimumPopulation = minimumPopulation
        self.level = level
    }
}

/// A unit of a gap report: uncovered, with what is nearest.
public struct GapUnit: Sendable, Equatable {
    public var code: String
    public var name: String
    public var prefectureCode: String
    public var prefectureName: String
    public var population: Double?
    /// Matching projects in the unit.
    public var projects: Int
    /// The nearest matching site (geodesic, from the unit's polygon; nil when there is none).
    public var nearestSite: (id: String, name: String, plan: String, metres: Double)?
    /// The nearest covered unit of the same level (0 m for a neighbour sharing a border).
    public var nearestCovered: (code: String, name: String, metres: Double)?

    public static func == (a: GapUnit, b: GapUnit) -> Bool {
        a.code == b.code && a.name == b.name && a.prefectureCode == b.prefectureCode && a.population == b.population
            && a.projects == b.projects && a.nearestSite?.id == b.nearestSite?.id && a.nearestSite?.metres == b.nearestSite?.metres
            && a.nearestCovered?.code == b.nearestCovered?.code && a.nearestCovered?.metres == b.nearestCovered?.metres
    }
}

/// One prefecture's line of a gap report's summary.
public struct PrefectureGapSummary: Sendable, Equatable {
    public var code: String
    public var name: String
    public var units: Int
    public var uncoveredUnits: Int
    public var population: Double
    public var uncoveredPopulation: Double
    /// The uncovered share of the population (0 … 1; 0 without population).
    public var uncoveredShare: Double { population > 0 ? uncoveredPopulation / population : 0 }
}

/// The coverage-gap report of one bureau.
public struct GapReport: Sendable, Equatable {
    public var bureauID: String
    public var bureauName: String
    public var options: GapReportOptions
    /// The uncovered units, largest population first (ties by code).
    public var gaps: [GapUnit]
    /// Every covered unit's code (for maps).
    public var coveredCodes: [String]
    /// Per prefecture of the bureau, in code order.
    public var summary: [PrefectureGapSummary]
}
