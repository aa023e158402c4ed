import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import QueryOutput
import Reference

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
