import Reference

/// What a coverage-gap map shows, as plain values from a gap report (`investmap gaps`): the
/// bureau (or one of its prefectures), the level, which units are uncovered and which covered,
/// and the filter and distance that decided it. Cartography does not depend on the queries
/// that compute the report; the command passes their result here.
public struct GapMapRequest: Sendable, Equatable {
    public var bureauID: String
    /// E.g. "四国経済産業局".
    public var bureauName: String
    /// Only this prefecture of the bureau (the map then shows the prefecture).
    public var prefectureCode: String?
    /// `.ward` (N03 units) or `.municipality`.
    public var level: StatisticsLevel
    /// The uncovered units' codes (the report's order; the map does not depend on it).
    public var uncoveredCodes: [String]
    public var coveredCodes: [String]
    /// The projects (and sites) that count, drawn as markers.
    public var filter: ProjectFilter
    /// Covered meant a matching site within this many km (nil: a matching project in the unit).
    public var siteKilometres: Double?
    /// Units below this population were left out of the report (drawn as not assessed).
    public var minimumPopulation: Double?

    public init(bureauID: String, bureauName: String, prefectureCode: String? = nil, level: StatisticsLevel,
                uncoveredCodes: [String], coveredCodes: [String], filter: ProjectFilter = ProjectFilter(),
                siteKilometres: Double? = nil, minimumPopulation: Double? = nil) {
        self.bureauID = bureauID
        self.bureauName = bureauName
        self.prefectureCode = prefectureCode
        self.level = level
        self.uncoveredCodes = uncoveredCodes
        self.coveredCodes = coveredCodes
        self.filter = filter
        self.siteKilometres = siteKilometres
        self.minimumPopulation = minimumPopulation
    }
}
