/// One property value of an exported feature, written as the matching JSON value.
public enum ExportValue: Sendable, Equatable {
    /// A JSON string; written as UTF-8, only `"`, `\` and control characters escaped.
    case string(String)
    /// A JSON number in the shortest form that reads back as the same `Double`, without exponent
    /// and without trailing zeros (`139.7`, `-0.5`, `12`, `0.0000001`). Must be finite.
    case number(Double)
    /// A JSON integer (`12`).
    case integer(Int)
    /// JSON `null`.
    case null
}
