/// A query parameter that cannot be used: which one and why. The CLI shows it as an option
/// (`--km must be …`), the HTTP service as a 400 answer naming the parameter.
public struct QueryInputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The parameter's name as the HTTP service spells it (`km`, `plan`, `min_population`).
    public var parameter: String
    public var reason: String

    public init(parameter: String, reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(parameter): \(reason)" }

    /// As a command-line option: `--min-population: must be …`.
    public var optionDescription: String { "--\(parameter.replacingOccurrences(of: "_", with: "-")): \(reason)" }
}
