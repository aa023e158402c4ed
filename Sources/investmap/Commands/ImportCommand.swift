import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data into the store.",
        subcommands: [ImportBoundariesCommand.self, ImportInvestmentsCommand.self, ImportSitesCommand.self]
    )
}
