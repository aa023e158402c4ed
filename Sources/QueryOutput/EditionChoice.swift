import BoundaryStore

/// Which edition a query reads when none is named: the latest published one, else the latest draft.
public enum EditionChoice {
    /// The edition asked for (which must exist), or the default one.
    /// - Throws: `StoreError.unknownEdition`; `EditionChoice.Missing` when the store has no edition.
    public static func edition(_ name: String?, in store: BoundaryStore) throws -> Edition {
        if let name { return try store.edition(named: name) }
        let editions = try store.editions()
        guard let chosen = editions.last(where: { $0.status == .published }) ?? editions.last else { throw Missing(store: store.path) }
        return chosen
    }

    /// A store without any edition.
    public struct Missing: Error, CustomStringConvertible {
        public var store: String
        public var description: String {
            "\(store): no edition yet: create one with `investmap edition create NAME` and import a ledger"
        }
    }
}
