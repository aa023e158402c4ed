import ArgumentParser

@main
struct Investmap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investmap",
        abstract: "Japan's domestic investment map (国内投資マップ): boundaries, spatial queries, maps.",
        subcommands: [ImportCommand.self, LocateCommand.self, UnitsCommand.self, CheckCommand.self, SimplifyCommand.self, ExportCommand.self,
                      SynthCommand.self, EditionCommand.self, ProjectsCommand.self, StatsCommand.self, ClassifyCommand.self, RenderCommand.self, TilesCommand.self,
                      NearCommand.self, WithinCommand.self, NearestSiteCommand.self, GapsCommand.self, GeocodeCommand.self, ServeCommand.self]
    )
}
