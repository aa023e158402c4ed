/// A palette that does not exist: an unknown scheme name (the message lists the known names,
/// closest first) or a class count the scheme has no colours for.
public struct PaletteError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
