/// How large a ledger file, a line of it and each of its cells may be. Input over a limit is
/// refused with the line, the column and the limit, never truncated: a file over the file limit
/// or a line over the line limit fails as a whole (before it is read into memory, as far as it
/// can be told without reading it); a cell over its column's limit, or holding a control
/// character other than tab or a line break, rejects its row.
public struct LedgerLimits: Sendable, Equatable {
    /// 512 MiB: a million-row ledger is about 150 MB.
    public static let defaultMaxFileBytes = 512 << 20
    /// The longest CSV record, a line (or the lines a quoted field joins), in bytes: room for
    /// the largest cell (a site's WKT) and the rest of its row.
    public static let maxLineBytes = 2 << 20

    /// The largest file read, in bytes.
    public var maxFileBytes: Int

    public init(maxFileBytes: Int = LedgerLimits.defaultMaxFileBytes) {
        self.maxFileBytes = maxFileBytes
    }

    /// The most characters (Unicode scalars) a cell of `column` may hold.
    static func maxCharacters(_ column: LedgerColumn) -> Int {
        switch column {
        case .id: 64
        case .name, .company, .address: 500
        case .plan, .status, .announced, .adopted, .jobs, .companySize, .wageCommitment, .locationPrecision: 32
        case .field, .budget, .prefecture, .municipality: 64
        case .programme: 200
        case .fields: 1_000
        case .support, .totalInvestment, .lon, .lat: 64
        case .code: 16
        case .source: 2_000
        case .wkt: 1_000_000
        }
    }

    /// Why a cell cannot be read, nil when it can: too long, or a control character other than
    /// tab and the line breaks a quoted cell may hold (a spreadsheet's line break within a
    /// cell). NUL cuts the text short in many a reader; the other controls have no place in a
    /// value and garble the tables and maps that show it.
    static func problem(in text: String, column: LedgerColumn, label: String) -> String? {
        let limit = maxCharacters(column)
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            let value = scalar.value
            if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value) {
                let code = String(value, radix: 16, uppercase: true)
                return "\(label): control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) at character \(count) (a cell may hold tabs and line breaks, no other control character)"
            }
        }
        if count > limit {
            return "\(label): \(count) characters, over the limit of \(limit) for \(column.canonicalName)"
        }
        return nil
    }
}
