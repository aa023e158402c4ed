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

extension StatisticsMetric: ExpressibleByArgument {}
