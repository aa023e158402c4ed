import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import QueryOutput
import Reference

struct EditionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edition",
        abstract: "Create, list, publish and compare editions of the investment map.",
        subcommands: [EditionCreateCommand.self, EditionListCommand.self, EditionPublishCommand.self, EditionDiffCommand.self]
    )
}

struct EditionCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a draft edition, empty or as a copy of another.")

    @Argument(help: "The new edition's name (letters, digits, '.', '_', '-'), e.g. 2026-04.")
    var name: String

    @Option(help: "Copy the projects and cluster sites of this edition.")
    var from: String?

    @Option(help: "What every output of the edition must say about it, e.g. \"fictional sample data\" (default: the --from edition's).")
    var note: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        try store.checkWritable()
        let edition = try store.open(readOnly: false).createEdition(name, from: from, note: note)
        print("created draft edition \(edition.name)" + (from.map { " from \($0): \(edition.projects) projects, \(edition.sites) cluster sites" } ?? ""))
    }
}

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
            let cells = editions.map { [$0.name, $0.status.rawValue, $0.basedOn ?? "", String($0.projects), String($0.sites), $0.createdAt, $0.publishedAt ?? "", $0.note ?? ""] }
            print(format == .csv
                  ? ([["name", "status", "based_on", "projects", "sites", "created_at", "published_at", "note"]] + cells).map(CSVWriter.record).joined()
                  : TextTable.render(header: ["edition", "status", "from", "projects", "sites", "created", "published", "note"], rows: cells,
                                     rightAligned: [3, 4]))
        }
    }
}

struct EditionPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish", abstract: "Publish a draft edition; it can never change afterwards.")

    @Argument(help: "The edition to publish.")
    var name: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        try store.checkWritable()
        let edition = try store.open(readOnly: false).publishEdition(name)
        print("published \(edition.name) (\(edition.projects) projects, \(edition.sites) cluster sites) at \(edition.publishedAt ?? "")")
    }
}

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
