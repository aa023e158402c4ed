/// Another name of a municipality that addresses may use, typically its name before a merger,
/// promotion or rename (from the project's `code_changes.csv`): an address written with
/// `prefecture` and `name` resolves to the municipality `code5` of the town points. A name given
/// for several codes (a municipality split between them) resolves to the one whose towns match
/// the address. The name may carry its 郡 (黒川郡富谷町): the 郡 is then optional in addresses, as
/// for the town points' own names.
public struct MunicipalityAlias: Sendable, Equatable {
    /// The prefecture the old name belonged to, with its suffix (宮城県); it may differ from the
    /// prefecture of `code5` when a municipality moved across a prefectural border.
    public var prefecture: String
    /// The old name, without the prefecture: 黒川郡富谷町, 篠山市.
    public var name: String
    /// The 5-digit code, in the town points, of the municipality the name now belongs to.
    public var code5: String

    public init(prefecture: String, name: String, code5: String) {
        self.prefecture = prefecture
        self.name = name
        self.code5 = code5
    }
}

/// An alias the index does not use, and why (`TownIndex.unusedAliases`).
public struct UnusedAlias: Sendable, Equatable {
    public var alias: MunicipalityAlias
    public var reason: String
}
