import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
import GeoFormats
import Ledger
import LedgerStatistics
import QueryOutput
import Reference

/// `investmap classify`: the class breaks a choropleth map of a statistic would use, computed as
/// mapclassify computes them, so the breaks can be checked against (or reused by) other tools.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Class breaks of a statistic per unit (quantiles, equal interval, Fisher–Jenks, head/tail, manual), as mapclassify computes them.",
        discussion: """
        The values are those of `investmap stats` at the same level and metric. Breaks are the \
        classes' upper bounds (mapclassify's `bins`): class i holds the values above break i-1 \
        and at most break i; the last break is the largest value. Units without a value (no \
        population or area known) are left out and counted as no data; with --zero-class, units \
        at 0 are left out of the computation too and counted apart (a map shows them as "none"). \
        --breaks gives the bounds by hand (mapclassify.UserDefined: the maximum is appended when \
        they stop below it). JSON: {"breaks": [...], "counts": [...], "method", "k", "edition", \
        "level", "metric", "min", "zero", "no_data"}; --timing adds "seconds", the classification \
        alone.
        """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case quantiles
        case equalInterval = "equal-interval"
        case fisherJenks = "fisher-jenks"
        case headTail = "head-tail"
        case manual
    }

    @Option(help: "ward, municipality, prefecture or bureau.")
    var level: StatisticsLevelArgument

    @Option(help: ArgumentHelp(StatisticsMetric.help))
    var metric: StatisticsMetric

    @Option(help: "quantiles, equal-interval, fisher-jenks, head-tail, or manual (with --breaks).")
    var method: Method?

    @Option(help: "Upper bounds of the classes, increasing, comma-separated (e.g. 1e8,1e9,1e10): manual classification.")
    var breaks: String?

    @Option(help: "Number of classes, 2 to 12 (default 5; not for head-tail or manual, whose data decide it).")
    var classes: Int?

    @OptionGroup var projects: ProjectFilterOptions

    @Flag(help: "Keep units at 0 out of the classes: a class of their own.")
    var zeroClass = false

    @Flag(help: "Add \"seconds\" (the classification alone) to the JSON output; it then differs from run to run.")
    var timing = false

    @Option(help: "table, csv or json.")
    var format: TableFormat = .table

    @OptionGroup var store: StoreOptions

    static let defaultClasses = 5

    func validate() throws {
        if level == .nation { throw ValidationError("--level nation has a single unit: classify wards, municipalities, prefectures or bureaus") }
        let method = try classificationMethod()
        if let classes, !method.usesClassCount {
            throw ValidationError("--classes \(classes) does not apply to \(method.name): the data decide the number of classes")
        }
    }

    /// The method from --method and --breaks.
    func classificationMethod() throws -> ClassificationMethod {
        do { return try ClassificationMethod.chosen(name: method?.rawValue, breaks: breaks) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let method = try classificationMethod()
        let k = classes ?? Self.defaultClasses
        let (boundaryStore, edition) = try store.openJoined { try projects.edition(in: $0) }
        let name = edition.name, note = edition.note
        let rows = try UnitStatistics(store: boundaryStore).compute(
            edition: edition, level: level.level, metric: metric,
            filter: try projects.filter())
        let started = DispatchTime.now().uptimeNanoseconds
        let classification: Classification
        do {
            classification = try Classification.classify(rows.map(\.value), method: method, classes: k, zeroAsOwnClass: zeroClass)
        } catch let error as ClassificationError {
            throw CLIError("classify \(level.rawValue) \(metric.rawValue) (edition \(name), \(rows.count) units): \(error)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9

        switch format {
        case .json:
            print(try ClassifyAnswer.json(classification, edition: name, level: level.rawValue, metric: metric.rawValue, seconds: timing ? seconds : nil))
        case .csv:
            FileHandle.standardOutput.write(Data(ClassifyAnswer.csv(classification).utf8))
        case .table:
            print("edition \(name)" + (note.map { " — \($0)" } ?? ""))
            print(ClassifyAnswer.summary(classification, level: level.rawValue, metric: metric.rawValue, seconds: timing ? seconds : nil))
            print(ClassifyAnswer.table(classification))
        }
    }
}
