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
        subcommands: [EditionCreateCommand.self, EditionListCommand.self, EditionPublishCommand.self, EditionDiffCommand.self,
                      EditionRejoinCommand.self]
    )
}
