import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import Ledger
import MapData
import QueryOutput
import Reference

/// `investmap projects`: an edition's projects as stored, with where the join put them.
struct ProjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "List an edition's investment projects with their join (ward, municipality, prefecture, bureau, flags).",
        discussion: "CSV columns: the canonical ledger header (ProjectTable.header), then ward_code,municipality_code,prefecture_code,bureau,match,sea_distance_km,code_mismatch."
    )

    @Option(help: "The edition (default: the latest published edition, else the latest draft).")
    var edition: String?

    @Option(help: "csv, json or xlsx (one sheet with Japanese headings; with --output FILE).")
    var format: ExportFormat = .csv

    @OptionGroup var export: ExportOptions

    @OptionGroup var store: StoreOptions

    func validate() throws {
        try export.check(format == .table ? .csv : format, allowed: [.csv, .json, .xlsx])
    }

    static let joinHeader = ["ward_code", "municipality_code", "prefecture_code", "bureau", "match", "sea_distance_km", "code_mismatch"]
    static let header = ProjectTable.header + joinHeader

    func run() throws {
        let boundaryStore = try store.open(readOnly: true)
        let resolved = try boundaryStore.resolveEdition(edition)
        let name = resolved.name
        let projects = try boundaryStore.projects(edition: resolved)
        switch format {
        case .json:
            try export.writeText(try PrettyJSON.string(ProjectsJSON(edition: name, projects: projects.map { ProjectsJSON.Row($0.project, $0.join) })) + "\n")
        case .xlsx:
            try export.writeXLSX(Self.spreadsheet(projects, edition: resolved, credits: try MapDataLoader.credits(of: boundaryStore)), sheet: "案件")
        case .csv, .table, .geojson:
            var text = CSVWriter.record(Self.header)
            for (project, join) in projects { text += CSVWriter.record(ProjectTable.cells(project) + Self.joinCells(join)) }
            try export.writeCSV(text)
        }
    }

    static func joinCells(_ join: LedgerJoin) -> [String] {
        [join.wardCode ?? "", join.municipalityCode ?? "", join.prefectureCode ?? "", join.bureauID ?? "", join.match.rawValue,
         join.seaDistanceKm.map { String(format: "%.3f", $0) } ?? "", join.codeMismatch ? "1" : "0"]
    }

    /// The projects as a sheet: the CSV's columns under Japanese headings, amounts, jobs,
    /// percentages and coordinates as numbers, dates as dates, codes as text.
    static func spreadsheet(_ projects: [(project: InvestmentProject, join: LedgerJoin)], edition: Edition, credits: [String]) -> SpreadsheetExport {
        let numeric: Set<String> = ["support_jpy", "total_investment_jpy", "jobs", "wage_commitment_pct", "lon", "lat", "sea_distance_km"]
        let dates: Set<String> = ["adopted", "announced"]
        let rows = projects.map { project, join in
            zip(header, ProjectTable.cells(project) + joinCells(join)).map { column, text -> SpreadsheetExport.Cell in
                if text.isEmpty { return .empty }
                if numeric.contains(column), let number = Double(text) {
                    return number == number.rounded() && abs(number) < 1e15 && column != "lon" && column != "lat" ? .integer(Int64(number)) : .number(number)
                }
                return dates.contains(column) ? .date(text) : .text(text)
            }
        }
        let headings = ProjectTable.japaneseHeader + joinHeader.map(ColumnHeadings.japanese)
        return SpreadsheetExport(columns: header, headings: headings, rows: rows,
                                 notes: SpreadsheetExport.notes(edition: edition.name, note: edition.note, credits: credits))
    }
}

/// `projects --format json`.
struct ProjectsJSON: Encodable {
    struct Row: Encodable {
        var id: String, name: String, company: String?, company_size: String?, programme: String?, category: String?
        var plan: String?, field: String?, support_jpy: Int64?, total_investment_jpy: Int64?, jobs: Int?
        var wage_commitment_pct: Double?, budget: String?, adopted: String?, status: String, announced: String?, address: String?
        var location_precision: String, lon: Double, lat: Double, code: String?, source: String?
        var ward_code: String?, municipality_code: String?, prefecture_code: String?, bureau: String?
        var match: String, sea_distance_km: Double?, code_mismatch: Bool

        init(_ p: InvestmentProject, _ j: LedgerJoin) {
            id = p.id; name = p.name; company = p.company; company_size = p.companySize?.rawValue; programme = p.programme
            category = p.category; plan = p.plan; field = p.field; support_jpy = p.supportJPY; total_investment_jpy = p.totalInvestmentJPY
            jobs = p.jobs; wage_commitment_pct = p.wageCommitmentPct; budget = p.budget?.id; adopted = p.adopted
            status = p.status.rawValue; announced = p.announced; address = p.address
            location_precision = p.locationPrecision.rawValue; lon = p.location.x; lat = p.location.y
            code = p.declaredCode?.code5; source = p.source
            ward_code = j.wardCode; municipality_code = j.municipalityCode; prefecture_code = j.prefectureCode; bureau = j.bureauID
            match = j.match.rawValue; sea_distance_km = j.seaDistanceKm; code_mismatch = j.codeMismatch
        }
    }

    var edition: String
    var projects: [Row]
}
