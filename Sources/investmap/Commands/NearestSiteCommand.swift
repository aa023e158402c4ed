import ArgumentParser
import BoundaryStore
import Cartography
import GeoCore
import GeoFormats
import Ledger
import MapData
import QueryOutput
import SpatialQueries

/// `investmap nearest-site`: how far a unit's polygon is from the nearest cluster site of each plan type.
struct NearestSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nearest-site",
        abstract: "The distance from a unit (its polygon, not its centroid) to the nearest cluster site, per plan type.",
        discussion: """
        Geodesic on GRS80 between the closest points of the unit's full-resolution polygon and the \
        site (0 when the site lies in the unit or overlaps it). One row per plan type with sites, \
        and one for any plan.
        """
    )

    @Argument(help: "A ward (N03) or municipality code (5 digits), or a prefecture code (2 digits).") var code: String
    @Option(help: "table, csv, json or geojson.") var format: QueryFormat = .table
    @Option(help: "The edition (default: the latest published edition, else the latest draft).") var edition: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let (boundaryStore, edition) = try store.openJoined { try $0.resolveEdition(self.edition) }
        let unit: ResolvedUnit
        do { unit = try UnitResolver(store: boundaryStore).resolve(code) } catch let error as QueryError { throw CLIError(error.description) }
        guard unit.level != .bureau else { throw CLIError("nearest-site: \(code) is a bureau; give a ward, municipality or prefecture code") }
        let answers = try NearestSiteQuery(store: boundaryStore, edition: edition).nearest(to: unit)
        let columns = ["plan", "site_id", "site_name", "site_plan", "distance_km"]
        let rows: [[String: JSONValue]] = answers.map { answer in
            ["plan": .string(answer.plan ?? "any"), "site_id": .string(answer.site.id), "site_name": .string(answer.site.name),
             "site_plan": .string(answer.site.plan), "distance_km": QueryTable.kilometres(answer.metres)]
        }
        var metadata = QueryTable.metadata(edition: edition.name, note: edition.note, query: "nearest-site \(code)",
                                              credits: try MapDataLoader.credits(of: boundaryStore))
        metadata["unit"] = .object(["code": .string(unit.code), "name": .string(unit.name), "level": .string(unit.level.rawValue)])
        QueryTable(columns: columns, rows: rows, geometries: answers.map { $0.site.geometry }, metadata: metadata).print(format)
        if answers.isEmpty { standardError.write("edition \(edition.name) has no cluster sites") }
    }
}
