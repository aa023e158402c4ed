import ArgumentParser
import Reference

/// How a command prints its rows.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `--level` of the statistics commands.
enum StatisticsLevelArgument: String, ExpressibleByArgument, CaseIterable {
    case ward, municipality, prefecture, bureau, nation

    var level: StatisticsLevel { StatisticsLevel(rawValue: rawValue)! }
}

extension StatisticsMetric: ExpressibleByArgument {
    /// Its own name or a former one (`amount` is `total_investment`).
    public init?(argument: String) { self.init(name: argument) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// The --metric help every command shows.
    static let help = "count, support or total_investment (yen), jobs, support_per_capita or total_investment_per_capita (yen), "
        + "count_per_100k, support_per_km2 or total_investment_per_km2 (yen); amount is total_investment."
}
