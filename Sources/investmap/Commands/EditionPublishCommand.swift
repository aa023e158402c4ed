import ArgumentParser
import BoundaryStore
import Foundation
import GeoFormats
import LedgerStatistics
import QueryOutput
import Reference

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
