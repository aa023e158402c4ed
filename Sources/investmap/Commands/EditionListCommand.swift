import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import QueryOutput
import Reference

struct EditionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the editions.")

    @Option(help: "table or json.")
    var format: TableFormat = .table

    @OptionGroup var store: StoreOptions

    func run() throws {
        let editions = try store.open(readOnly: true).editions()
        switch format {
        case .json: print(try EditionsAnswer.json(editions))
        case .table, .csv:
            // Last: the boundary edition the edition's rows are joined on.
            let cells = editions.map { [$0.name, $0.status.rawValue, $0.basedOn ?? "", String($0.projects), String($0.sites), $0.createdAt,
                                        $0.publishedAt ?? "", $0.note ?? "", $0.boundaryEdition ?? ""] }
            print(format == .csv
                  ? ([["name", "status", "based_on", "projects", "sites", "created_at", "published_at", "note", "boundary_edition"]] + cells)
                      .map(CSVWriter.record).joined()
                  : TextTable.render(header: ["edition", "status", "from", "projects", "sites", "created", "published", "note", "boundaries"],
                                     rows: cells, rightAligned: [3, 4]))
        }
    }
}
