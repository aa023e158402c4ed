import Foundation
import BoundaryStore
import Cartography
import GeoCore
import GeoFormats
import Reference
import SpatialQueries

/// `gaps` and `/api/gaps`: a bureau's coverage-gap report as rows (the uncovered units, or the
/// per-prefecture summary) with the edition, the question and the credits.
public enum GapsAnswer {
    /// What the report's gap map shows.
    public static func mapRequest(_ report: GapReport) -> GapMapRequest {
        GapMapRequest(bureauID: report.bureauID, bureauName: report.bureauName, prefectureCode: report.options.prefecture,
                      level: report.options.level, uncoveredCodes: report.gaps.map(\.code), coveredCodes: report.coveredCodes,
                      filter: report.options.filter, siteKilometres: report.options.siteKilometres,
                      minimumPopulation: report.options.minimumPopulation)
    }

    /// "四国経済産業局: 12 of 95 units uncovered, population 123456 of 3700000 (3.3 %)".
    public static func summaryLine(_ report: GapReport) -> String {
        let units = report.summary.reduce(0) { $0 + $1.units }, uncovered = report.summary.reduce(0) { $0 + $1.uncoveredUnits }
        let population = report.summary.reduce(0) { $0 + $1.population }, gap = report.summary.reduce(0) { $0 + $1.uncoveredPopulation }
        let share = population > 0 ? gap / population * 100 : 0
        return "\(report.bureauName): \(uncovered) of \(units) units uncovered, population \(Int(gap)) of \(Int(population)) (\(String(format: "%.1f", share)) %)"
    }

    /// The report's rows (units, or the summary with --summary) and metadata.
    public static func table(_ report: GapReport, edition: Edition, builder: GapReportBuilder, filter: ProjectFilterInput, summary: Bool,
                             withGeometry: Bool, credits: [String]) throws -> QueryTable {
        var metadata = QueryTable.metadata(edition: edition.name, note: edition.note, query: query(report, filter: filter), credits: credits)
        metadata["bureau"] = .object(["id": .string(report.bureauID), "name": .string(report.bureauName)])
        metadata["summary"] = .array(report.summary.map { Self.summaryRow($0) }.map { .object($0) })
        if summary {
            return QueryTable(columns: ["prefecture_code", "prefecture", "units", "uncovered_units", "population", "uncovered_population", "uncovered_share"],
                              rows: report.summary.map(Self.summaryRow), geometries: report.summary.map { _ in nil }, metadata: metadata)
        }
        let columns = ["rank", "prefecture_code", "prefecture", "code", "name", "population", "projects", "nearest_site_id", "nearest_site",
                       "nearest_site_km", "nearest_covered_code", "nearest_covered", "nearest_covered_km"]
        let rows: [[String: JSONValue]] = report.gaps.enumerated().map { index, gap in
            ["rank": .integer(index + 1), "prefecture_code": .string(gap.prefectureCode), "prefecture": .string(gap.prefectureName),
             "code": .string(gap.code), "name": .string(gap.name), "population": .numeric(gap.population), "projects": .integer(gap.projects),
             "nearest_site_id": gap.nearestSite.map { .string($0.id) } ?? .null, "nearest_site": gap.nearestSite.map { .string($0.name) } ?? .null,
             "nearest_site_km": QueryTable.kilometres(gap.nearestSite?.metres),
             "nearest_covered_code": gap.nearestCovered.map { .string($0.code) } ?? .null,
             "nearest_covered": gap.nearestCovered.map { .string($0.name) } ?? .null,
             "nearest_covered_km": QueryTable.kilometres(gap.nearestCovered?.metres)]
        }
        let geometries: [Geometry?] = withGeometry ? try report.gaps.map { try builder.geometry(code: $0.code) } : report.gaps.map { _ in nil }
        return QueryTable(columns: columns, rows: rows, geometries: geometries, metadata: metadata)
    }

    /// The question as the CLI spells it (the answers' `query`).
    public static func query(_ report: GapReport, filter: ProjectFilterInput) -> String {
        let options = report.options
        var parts = ["gaps --bureau \(report.bureauID) --level \(options.level.rawValue)"]
        if let prefecture = options.prefecture { parts.append("--prefecture \(prefecture)") }
        if let plan = filter.plan { parts.append("--plan \(plan)") }
        if let field = filter.field { parts.append("--field \(field)") }
        if let status = filter.status { parts.append("--status \(status)") }
        if let km = options.siteKilometres { parts.append("--km \(km)") }
        if let minPopulation = options.minimumPopulation { parts.append("--min-population \(minPopulation)") }
        return parts.joined(separator: " ")
    }

    public static func summaryRow(_ line: PrefectureGapSummary) -> [String: JSONValue] {
        ["prefecture_code": .string(line.code), "prefecture": .string(line.name), "units": .integer(line.units),
         "uncovered_units": .integer(line.uncoveredUnits), "population": .numeric(line.population),
         "uncovered_population": .numeric(line.uncoveredPopulation), "uncovered_share": .numeric((line.uncoveredShare * 10_000).rounded() / 10_000)]
    }
}
