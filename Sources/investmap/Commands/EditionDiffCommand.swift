import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import QueryOutput
import Reference

struct EditionDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed from edition A to edition B: projects added, removed, withdrawn and changed, and per-unit totals.")

    @Argument(help: "The earlier edition.")
    var from: String

    @Argument(help: "The later edition.")
    var to: String

    @Option(help: "Level of the per-unit changes: ward, municipality, prefecture or bureau.")
    var level: StatisticsLevelArgument = .municipality

    @Option(help: "table or json.")
    var format: TableFormat = .table

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if level == .nation { throw ValidationError("--level nation has no per-unit changes; use ward, municipality, prefecture or bureau") }
    }

    func run() throws {
        let boundaryStore = try store.open(readOnly: true)
        let diff = try EditionDiff.compare(store: boundaryStore, from: try boundaryStore.edition(named: from), to: try boundaryStore.edition(named: to),
                                           level: level.level)
        switch format {
        case .json: print(try PrettyJSON.string(EditionDiffJSON(diff)))
        case .table, .csv: print(EditionDiffText.render(diff))
        }
    }
}
