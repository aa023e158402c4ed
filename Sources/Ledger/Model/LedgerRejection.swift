/// An input row the ledger did not accept: where it was and why. Every row of an input file is
/// either accepted or rejected, so rows in = accepted + rejected.
public struct LedgerRejection: Sendable, Hashable {
    /// The input file as the user named it.
    public var file: String
    /// 1-based line of the row in the file (CSV: the line the record starts on; GeoJSON: the
    /// feature's index from 1, since features have no lines of their own).
    public var line: Int
    /// The row's id when it could be read.
    public var id: String?
    /// Why, in one sentence that names the column and the value (e.g. "amount_jpy: '12x' is not a number").
    public var reason: String
    /// The worksheet of a spreadsheet row (then `line` is its row number), nil for CSV and GeoJSON.
    public var sheet: String?

    public init(file: String, line: Int, id: String?, reason: String, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.id = id
        self.reason = reason
        self.sheet = sheet
    }

    /// Where the row is, as messages and rejects files give it: the line ("12"), or a
    /// spreadsheet's sheet and row ("案件!12").
    public var place: String {
        guard let sheet else { return String(line) }
        let quoted = sheet.contains(where: { " !'".contains($0) }) ? "'\(sheet.replacingOccurrences(of: "'", with: "''"))'" : sheet
        return "\(quoted)!\(line)"
    }
}
