/// A cell's place in a sheet: its 0-based column and 1-based row, written `AB12` (column 27,
/// row 12) as Excel writes it.
public struct XLSXCellReference: Sendable, Hashable, CustomStringConvertible {
    /// The largest column index: XFD, Excel's last column.
    public static let maxColumn = 16_383

    /// 0-based: A is 0, Z is 25, AA is 26.
    public var column: Int
    /// 1-based, as Excel numbers rows.
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Reads `AB12` or `$AB$12` (letters in either case); nil for anything else, including
    /// columns past XFD and row 0.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let parsed = Self.parse(bytes[...]), let row = parsed.row else { return nil }
        self.init(column: parsed.column, row: row)
    }

    /// `AB12`.
    public var description: String {
        "\(Self.columnName(column))\(row)"
    }

    /// The letters of a 0-based column: 0 → `A`, 27 → `AB`.
    public static func columnName(_ column: Int) -> String {
        var letters: [UInt8] = []
        var rest = column + 1
        while rest > 0 {
            let remainder = (rest - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `sheet!cell` as a formula would write it: `案件!C12`, `'My sheet'!C12`. The sheet name is
    /// quoted (with `'` doubled) unless it is letters, digits, `_` and `.` only and starts with
    /// no digit.
    public static func qualified(sheet: String, cell: String) -> String {
        "\(quotedSheetName(sheet))!\(cell)"
    }

    /// The sheet name as a formula writes it before `!`.
    static func quotedSheetName(_ sheet: String) -> String {
        let isPlain = !sheet.isEmpty
            && !(sheet.first?.isNumber ?? false)
            && sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            && XLSXCellReference(sheet) == nil
        return isPlain ? sheet : "'\(sheet.replacingOccurrences(of: "'", with: "''"))'"
    }

    /// Reads the letters (and the row digits, when there are any) of a reference such as `AB12`,
    /// `AB` or `$AB$12`. Nil when there are no letters, more than three, a column past XFD, row 0
    /// or anything else after them.
    static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> (column: Int, row: Int?)? where Bytes.Index == Int {
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == ASCII.dollar { index += 1 }
        var column = 0
        var letters = 0
        while index < bytes.endIndex {
            let upper = bytes[index] & 0xDF
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A") + 1)
            letters += 1
            index += 1
        }
        guard letters > 0, letters <= 3, column - 1 <= maxColumn else { return nil }
        if index < bytes.endIndex, bytes[index] == ASCII.dollar { index += 1 }
        guard index < bytes.endIndex else { return (column - 1, nil) }
        var row = 0
        var digits = 0
        while index < bytes.endIndex {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10, digits < 9 else { return nil }
            row = row * 10 + Int(digit)
            digits += 1
            index += 1
        }
        guard row > 0 else { return nil }
        return (column - 1, row)
    }
}
