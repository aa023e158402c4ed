import ArgumentParser
import BoundaryStore
import Cartography
import GeoCore
import GeoFormats
import MapData
import QueryOutput
import SpatialQueries

/// `investmap within`: the projects inside a unit, with their totals.
struct WithinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "within",
        abstract: "The projects inside a ward, municipality (designated cities included), prefecture or bureau, with totals.",
        discussion: "A project is inside the unit it was joined to at import (points at sea: the nearest unit, flagged)."
    )

    @Argument(help: "A ward (N03) or municipality code (5 digits), a prefecture code (2 digits) or a bureau id.") var code: String
    @Option(help: "table, csv, json or geojson.") var format: QueryFormat = .table
    @OptionGroup var filterOptions: ProjectFilterOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (boundaryStore, edition) = try store.openJoined { try filterOptions.edition(in: $0) }
        let unit: ResolvedUnit
        do { unit = try UnitResolver(store: boundaryStore).resolve(code) } catch let error as QueryError { throw CLIError(error.description) }
        let projects = try boundaryStore.projectPoints(edition: edition, filter: filterOptions.filter(), unit: (unit.column, unit.code))
        let columns = ["id", "name", "company", "programme", "plan", "field", "status", "support_jpy", "total_investment_jpy", "jobs",
                       "location_precision", "ward_code"]
        let rows: [[String: JSONValue]] = projects.map { p in
            ["id": .string(p.id), "name": .string(p.name), "company": p.company.map(JSONValue.string) ?? .null,
             "programme": p.programme.map(JSONValue.string) ?? .null, "plan": p.plan.map(JSONValue.string) ?? .null,
             "field": p.field.map(JSONValue.string) ?? .null, "status": .string(p.status),
             "support_jpy": p.supportJPY.map { .integer(Int($0)) } ?? .null,
             "total_investment_jpy": p.totalInvestmentJPY.map { .integer(Int($0)) } ?? .null,
             "location_precision": .string(p.precision),
             "jobs": p.jobs.map(JSONValue.integer) ?? .null, "ward_code": p.wardCode.map(JSONValue.string) ?? .null]
        }
        let amount = projects.reduce(0.0) { $0 + Double($1.totalInvestmentJPY ?? 0) }
        let support = projects.reduce(0.0) { $0 + Double($1.supportJPY ?? 0) }
        let jobs = projects.reduce(0) { $0 + ($1.jobs ?? 0) }
        var metadata = QueryTable.metadata(edition: edition.name, note: edition.note, query: "within \(code)",
                                              credits: try MapDataLoader.credits(of: boundaryStore))
        metadata["unit"] = .object(["code": .string(unit.code), "name": .string(unit.name), "level": .string(unit.level.rawValue)])
        metadata["totals"] = .object(["count": .integer(projects.count), "support_jpy": .numeric(support),
                                      "total_investment_jpy": .numeric(amount), "jobs": .integer(jobs)])
        QueryTable(columns: columns, rows: rows, geometries: projects.map { .point($0.location) }, metadata: metadata).print(format)
        if format == .table {
            print("\(unit.name) (\(unit.level.rawValue) \(unit.code)): \(projects.count) projects, \(Amounts.text(amount)), \(jobs) jobs")
        }
    }
}
