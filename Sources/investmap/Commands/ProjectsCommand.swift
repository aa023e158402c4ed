import ArgumentParser
import Foundation
import BoundaryStore
import GeoFormats
import Ledger
import QueryOutput
import Reference

/// `investmap projects`: an edition's projects as stored, with where the join put them.
struct ProjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projects",
        abstract: "List an edition's investment projects with their join (ward, municipality, prefecture, bureau, flags).",
        discussion: "CSV columns: the canonical ledger header, then ward_code,municipality_code,prefecture_code,bureau,match,sea_distance_km,code_mismatch."
    )

    @Option(help: "The edition (default: the latest published edition, else the latest draft).")
    var edition: String?

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    @OptionGroup var store: StoreOptions

    static let header = ["id", "name", "plan", "field", "amount_jpy", "jobs", "status", "announced", "lon", "lat", "code", "source",
                         "ward_code", "municipality_code", "prefecture_code", "bureau", "match", "sea_distance_km", "code_mismatch"]

    func run() throws {
        let boundaryStore = try store.open(readOnly: true)
        let resolved = try boundaryStore.resolveEdition(edition)
        let name = resolved.name
        let projects = try boundaryStore.projects(edition: resolved)
        switch format {
        case .json:
            print(try PrettyJSON.string(ProjectsJSON(edition: name, projects: projects.map { ProjectsJSON.Row($0.project, $0.join) })))
        case .csv, .table:
            var text = CSVWriter.record(Self.header)
            for (project, join) in projects {
                text += CSVWriter.record([
                    project.id, project.name, project.plan, project.field ?? "", project.amountJPY.map(String.init) ?? "",
                    project.jobs.map(String.init) ?? "", project.status.rawValue, project.announced ?? "",
                    String(format: "%.6f", project.location.x), String(format: "%.6f", project.location.y),
                    project.declaredCode?.code5 ?? "", project.source ?? "",
                    join.wardCode ?? "", join.municipalityCode ?? "", join.prefectureCode ?? "", join.bureauID ?? "", join.match.rawValue,
                    join.seaDistanceKm.map { String(format: "%.3f", $0) } ?? "", join.codeMismatch ? "1" : "0",
                ])
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// `projects --format json`.
struct ProjectsJSON: Encodable {
    struct Row: Encodable {
        var id: String, name: String, plan: String, field: String?, amount_jpy: Int64?, jobs: Int?, status: String
        var announced: String?, lon: Double, lat: Double, code: String?, source: String?
        var ward_code: String?, municipality_code: String?, prefecture_code: String?, bureau: String?
        var match: String, sea_distance_km: Double?, code_mismatch: Bool

        init(_ p: InvestmentProject, _ j: LedgerJoin) {
            id = p.id; name = p.name; plan = p.plan; field = p.field; amount_jpy = p.amountJPY; jobs = p.jobs
            status = p.status.rawValue; announced = p.announced; lon = p.location.x; lat = p.location.y
            code = p.declaredCode?.code5; source = p.source
            ward_code = j.wardCode; municipality_code = j.municipalityCode; prefecture_code = j.prefectureCode; bureau = j.bureauID
            match = j.match.rawValue; sea_distance_km = j.seaDistanceKm; code_mismatch = j.codeMismatch
        }
    }

    var edition: String
    var projects: [Row]
}
