import Foundation

/// How a choropleth map groups its values into classes. Each method reproduces the classifier of
/// the same name in PySAL's mapclassify (2.10), so the breaks investmap draws can be recomputed
/// (and reused) by other tools: same input values, same breaks.
public enum ClassificationMethod: Sendable, Equatable {
    /// Classes holding (about) the same number of values: mapclassify.Quantiles. Breaks that
    /// coincide because of ties are merged, so there may be fewer classes than asked for.
    case quantiles
    /// Classes of equal width between the minimum and the maximum: mapclassify.EqualInterval.
    case equalInterval
    /// Optimal natural breaks (Fisher's exact method, minimising the within-class sum of squared
    /// deviations): mapclassify.FisherJenks. The breaks are data values.
    case fisherJenks
    /// Head/tail breaks for heavy-tailed data (Jiang 2013): mapclassify.HeadTailBreaks. The
    /// number of classes follows from the data; the requested count is ignored.
    case headTail
    /// Upper bounds given by the user: mapclassify.UserDefined (the maximum is appended as a last
    /// bound when the given ones stop below it). The requested count is ignored.
    case manual([Double])

    /// The name used on the command line and in JSON: quantiles, equal-interval, fisher-jenks,
    /// head-tail or manual.
    public var name: String {
        switch self {
        case .quantiles: "quantiles"
        case .equalInterval: "equal-interval"
        case .fisherJenks: "fisher-jenks"
        case .headTail: "head-tail"
        case .manual: "manual"
        }
    }

    /// The mapclassify class that computes the same breaks (for documentation and peers).
    public var mapclassifyName: String {
        switch self {
        case .quantiles: "Quantiles"
        case .equalInterval: "EqualInterval"
        case .fisherJenks: "FisherJenks"
        case .headTail: "HeadTailBreaks"
        case .manual: "UserDefined"
        }
    }

    /// Whether the method takes the number of classes (quantiles, equal interval, Fisher–Jenks).
    public var usesClassCount: Bool {
        switch self {
        case .quantiles, .equalInterval, .fisherJenks: true
        case .headTail, .manual: false
        }
    }
}

extension ClassificationMethod {
    /// A classification method that cannot be chosen as given (a bad break, a missing or contradictory choice).
    public struct MethodChoiceError: Error, CustomStringConvertible {
        public var description: String
    }

    /// "1e8, 1e9,1e10" → [1e8, 1e9, 1e10].
    /// - Throws: `MethodChoiceError` naming the item that is not a finite number.
    public static func breaks(parsing text: String) throws -> [Double] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try items.enumerated().map { index, item in
            guard let value = Double(item), value.isFinite else {
                throw MethodChoiceError(description: "item \(index + 1) ('\(item)') is not a finite number")
            }
            return value
        }
    }

    /// The method a user chose by name (quantiles, equal-interval, fisher-jenks, head-tail,
    /// manual) and/or by giving manual breaks ("1e8,1e9,1e10").
    /// - Throws: `MethodChoiceError` saying what is missing or contradictory, or which break is bad.
    public static func chosen(name: String?, breaks: String?) throws -> ClassificationMethod {
        if let breaks {
            guard name == nil || name == "manual" else {
                throw MethodChoiceError(description: "--breaks gives manual breaks: leave out --method \(name!) (or say --method manual)")
            }
            do { return .manual(try Self.breaks(parsing: breaks)) } catch { throw MethodChoiceError(description: "--breaks: \(error)") }
        }
        switch name {
        case nil: throw MethodChoiceError(description: "give --method (quantiles, equal-interval, fisher-jenks or head-tail) or --breaks")
        case "manual": throw MethodChoiceError(description: "--method manual needs --breaks (e.g. --breaks 1e8,1e9,1e10)")
        case "quantiles": return .quantiles
        case "equal-interval": return .equalInterval
        case "fisher-jenks": return .fisherJenks
        case "head-tail": return .headTail
        case let other?: throw MethodChoiceError(description: "unknown method '\(other)': quantiles, equal-interval, fisher-jenks, head-tail or manual")
        }
    }
}
