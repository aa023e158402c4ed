import Foundation
import Hummingbird

/// A request's query string, read strictly: every name must be one the endpoint knows and appear
/// once, values are percent-decoded UTF-8 of at most 200 bytes, numbers are finite decimals.
/// Every problem is a 400 naming the parameter.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ request: Request, known: [String]) throws {
        guard let query = request.uri.query, !query.isEmpty else { return }
        guard query.utf8.count <= 4096 else { throw ServiceError.badParameter("query", "the query string is longer than 4096 bytes") }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(pair[0]) else { throw ServiceError.badParameter("query", "a parameter name is not valid percent-encoded UTF-8") }
            guard known.contains(name) else {
                throw ServiceError.badParameter(Self.printable(name), "unknown parameter (this endpoint takes \(known.joined(separator: ", ")))")
            }
            guard values[name] == nil else { throw ServiceError.badParameter(name, "given more than once") }
            guard let value = pair.count > 1 ? Self.decode(pair[1]) : "" else {
                throw ServiceError.badParameter(name, "not valid percent-encoded UTF-8")
            }
            guard value.utf8.count <= 200 else { throw ServiceError.badParameter(name, "longer than 200 bytes") }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ServiceError.badParameter(name, "contains control characters")
            }
            values[name] = value
        }
    }

    static func decode(_ text: Substring) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        return String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// A name safe to echo: at most 40 characters, control characters dropped.
    static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(40)))
    }

    /// The text of an optional parameter (nil when absent; empty is an error).
    func text(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else { throw ServiceError.badParameter(name, "empty") }
        return value
    }

    func requiredText(_ name: String) throws -> String {
        guard let value = try text(name) else { throw ServiceError.badParameter(name, "required") }
        return value
    }

    /// A finite number within `range`.
    func number(_ name: String, in range: ClosedRange<Double>, what: String) throws -> Double? {
        guard let text = try text(name) else { return nil }
        guard text.utf8.count <= 32, let value = Double(text), value.isFinite,
              text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else {
            throw ServiceError.badParameter(name, "must be a number, got '\(text.prefix(32))'")
        }
        guard range.contains(value) else { throw ServiceError.badParameter(name, "\(what) must be within \(range.lowerBound)…\(range.upperBound), got \(value)") }
        return value
    }

    func requiredNumber(_ name: String, in range: ClosedRange<Double>, what: String) throws -> Double {
        guard let value = try number(name, in: range, what: what) else { throw ServiceError.badParameter(name, "required") }
        return value
    }

    /// A positive whole number up to `maximum`.
    func count(_ name: String, maximum: Int) throws -> Int? {
        guard let text = try text(name) else { return nil }
        guard text.utf8.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), value > 0, value <= maximum else {
            throw ServiceError.badParameter(name, "must be a whole number from 1 to \(maximum), got '\(text.prefix(32))'")
        }
        return value
    }

    /// One of `choices` (the first when absent and `default` is given).
    func choice(_ name: String, _ choices: [String], default fallback: String? = nil) throws -> String {
        guard let text = try text(name) else {
            guard let fallback else { throw ServiceError.badParameter(name, "required: one of \(choices.joined(separator: ", "))") }
            return fallback
        }
        guard choices.contains(text) else { throw ServiceError.badParameter(name, "must be one of \(choices.joined(separator: ", ")), got '\(text.prefix(40))'") }
        return text
    }

    func flag(_ name: String) throws -> Bool {
        try choice(name, ["true", "false"], default: "false") == "true"
    }
}
