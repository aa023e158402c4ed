import Cartography
import Foundation
import GeoFormats

/// What `investmap classify` answers: the class breaks and counts as mapclassify names them,
/// as JSON, CSV or a terminal table.
public enum ClassifyAnswer {
    /// `{"breaks": [...], "counts": [...], "method", "k", "edition", "level", "metric", "min", "zero", "no_data"}`
    /// (and "seconds" when timed).
    public static func json(_ classification: Classification, edition: String, level: String, metric: String, seconds: Double?) throws -> String {
        try PrettyJSON.string(Document(classification, edition: edition, level: level, metric: metric, seconds: seconds))
    }

    /// "municipality amount, Fisher–Jenks: 5 classes of 1741 units, 12 at 0, 3 without a value".
    public static func summary(_ classification: Classification, level: String, metric: String, seconds: Double?) -> String {
        let classified = classification.counts.reduce(0, +)
        var summary = "\(level) \(metric), \(classification.method.name): \(classification.classCount) classes of \(classified) units"
        if classification.zeroAsOwnClass { summary += ", \(classification.zeroCount) at 0" }
        summary += ", \(classification.noDataCount) without a value"
        if let seconds { summary += String(format: " (classified in %.3f ms)", seconds * 1000) }
        return summary
    }

    /// The legend's rows: class, lower, upper, count.
    public static func csv(_ classification: Classification) -> String {
        CSVWriter.record(["class", "lower", "upper", "count"]) + classRows(classification).map(CSVWriter.record).joined()
    }

    /// The legend as a table; class 1 starts at the smallest value, inclusive, the other classes
    /// above the break before.
    public static func table(_ classification: Classification) -> String {
        let rows = classRows(classification).enumerated().map { index, row in
            [row[0], index == 0 || Int(row[0]) == nil || row[1].isEmpty ? row[1] : "> " + row[1], row[2], row[3]]
        }
        return TextTable.render(header: ["class", "from", "to", "units"], rows: rows, rightAligned: [1, 2, 3])
    }

    /// A break as it is, not rounded (a rounded break would put values in the wrong class when
    /// reused): integers as integers, other values in Swift's shortest form that reads back
    /// to the same double (as JSON and Python's repr print them).
    public static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// One row per class (number from 1, lower and upper bound, count), then the zero and
    /// no-data rows: the legend of the map. Class 1's lower bound is the smallest value,
    /// inclusive; the table marks the others' as exclusive.
    public static func classRows(_ classification: Classification) -> [[String]] {
        var rows: [[String]] = []
        for (i, upper) in classification.breaks.enumerated() {
            let lower = i == 0 ? classification.minimum.map(Self.exact) ?? "" : Self.exact(classification.breaks[i - 1])
            rows.append([String(i + 1), lower, Self.exact(upper), String(classification.counts[i])])
        }
        if classification.zeroAsOwnClass { rows.append(["zero", "0", "0", String(classification.zeroCount)]) }
        rows.append(["no_data", "", "", String(classification.noDataCount)])
        return rows
    }

    /// `classify --format json`: breaks and counts as mapclassify names them (bins → breaks), then
    /// what was classified.
    struct Document: Encodable {
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
}
