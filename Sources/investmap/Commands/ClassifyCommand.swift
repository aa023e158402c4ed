import ArgumentParser
import BoundaryStore
import Cartography
import Foundation
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

    @Option(help: "count, amount (yen), jobs, amount_per_capita (yen), count_per_100k or amount_per_km2 (yen).")
    var metric: StatsCommand.Metric

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
        if let breaks {
            guard method == nil || method == .manual else {
                throw ValidationError("--breaks gives manual breaks: leave out --method \(method!.rawValue) (or say --method manual)")
            }
            return .manual(try Self.parseBreaks(breaks))
        }
        switch method {
        case nil: throw ValidationError("give --method (quantiles, equal-interval, fisher-jenks or head-tail) or --breaks")
        case .manual: throw ValidationError("--method manual needs --breaks (e.g. --breaks 1e8,1e9,1e10)")
        case .quantiles: return .quantiles
        case .equalInterval: return .equalInterval
        case .fisherJenks: return .fisherJenks
        case .headTail: return .headTail
        }
    }

    /// "1e8, 1e9,1e10" → [1e8, 1e9, 1e10]; a clear error naming the bad item.
    static func parseBreaks(_ text: String) throws -> [Double] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try items.enumerated().map { index, item in
            guard let value = Double(item), value.isFinite else {
                throw ValidationError("--breaks: item \(index + 1) ('\(item)') is not a finite number")
            }
            return value
        }
    }

    func run() throws {
        let method = try classificationMethod()
        let k = classes ?? Self.defaultClasses
        let boundaryStore = try store.open(readOnly: true)
        let name = try projects.editionName(in: boundaryStore)
        let note = try boundaryStore.edition(named: name).note
        let metric = StatisticsMetric(rawValue: self.metric.rawValue)!
        let rows = try UnitStatistics(store: boundaryStore).compute(
            edition: name, level: level.level, metric: metric,
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
            print(try JSONOutput.string(ClassifyJSON(
                classification, edition: name, level: level.rawValue, metric: metric.rawValue, seconds: timing ? seconds : nil)))
        case .csv:
            var text = CSVWriter.record(["class", "lower", "upper", "count"])
            for row in Self.classRows(classification) { text += CSVWriter.record(row) }
            FileHandle.standardOutput.write(Data(text.utf8))
        case .table:
            print("edition \(name)" + (note.map { " — \($0)" } ?? ""))
            let classified = classification.counts.reduce(0, +)
            var summary = "\(level.rawValue) \(metric.rawValue), \(method.name): \(classification.classCount) classes of \(classified) units"
            if zeroClass { summary += ", \(classification.zeroCount) at 0" }
            summary += ", \(classification.noDataCount) without a value"
            if timing { summary += String(format: " (classified in %.3f ms)", seconds * 1000) }
            print(summary)
            // Class 1 starts at the smallest value, inclusive; the other classes above the break before.
            let tableRows = Self.classRows(classification).enumerated().map { index, row in
                [row[0], index == 0 || Int(row[0]) == nil || row[1].isEmpty ? row[1] : "> " + row[1], row[2], row[3]]
            }
            print(TextTable.render(header: ["class", "from", "to", "units"], rows: tableRows, rightAligned: [1, 2, 3]))
        }
    }

    /// A break as it is, not rounded (a rounded break would put values in the wrong class when
    /// reused): integers as integers, other values in Swift's shortest form that reads back
    /// to the same double (as JSON and Python's repr print them).
    static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// One row per class (number from 1, lower and upper bound, count), then the zero and
    /// no-data rows: the legend of the map. Class 1's lower bound is the smallest value,
    /// inclusive; the table marks the others' as exclusive.
    static func classRows(_ classification: Classification) -> [[String]] {
        var rows: [[String]] = []
        for (i, upper) in classification.breaks.enumerated() {
            let lower = i == 0 ? classification.minimum.map(Self.exact) ?? "" : Self.exact(classification.breaks[i - 1])
            rows.append([String(i + 1), lower, Self.exact(upper), String(classification.counts[i])])
        }
        if classification.zeroAsOwnClass { rows.append(["zero", "0", "0", String(classification.zeroCount)]) }
        rows.append(["no_data", "", "", String(classification.noDataCount)])
        return rows
    }
}

/// `classify --format json`: breaks and counts as mapclassify names them (bins → breaks), then
/// what was classified.
struct ClassifyJSON: Encodable {
    var breaks: [Double], counts: [Int]
    var method: String, k: Int, edition: String, level: String, metric: String
    var min: Double?, zero: Int?, no_data: Int
    var seconds: Double?

    init(_ c: Classification, edition: String, level: String, metric: String, seconds: Double?) {
        breaks = c.breaks
        counts = c.counts
        method = c.method.name
        k = c.classCount
        self.edition = edition
        self.level = level
        self.metric = metric
        min = c.minimum
        zero = c.zeroAsOwnClass ? c.zeroCount : nil
        no_data = c.noDataCount
        self.seconds = seconds
    }
}
