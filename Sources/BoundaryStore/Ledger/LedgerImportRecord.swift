/// One ledger file imported into an edition, as `ledger_imports` keeps it.
public struct LedgerImportRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case investments
        case sites
    }

    public var edition: String
    public var kind: Kind
    public var file: String
    public var sha256: String
    /// "utf-8", "utf-8-bom", "cp932"; nil for GeoJSON.
    public var encoding: String?
    public var rowsRead: Int
    public var accepted: Int
    public var rejected: Int

    public init(edition: String, kind: Kind, file: String, sha256: String, encoding: String?, rowsRead: Int, accepted: Int, rejected: Int) {
        self.edition = edition
        self.kind = kind
        self.file = file
        self.sha256 = sha256
        self.encoding = encoding
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.rejected = rejected
    }
}
