import Cartography
import Foundation
import GeoFormats

/// A table as people open it in Excel: an .xlsx workbook of one sheet (Japanese headings, bold
/// and frozen, numbers as numbers, dates as dates, the edition and credits below the table), or
/// CSV for Excel (`--excel`: UTF-8 with a byte order mark and CRLF line ends, since Excel on
/// Japanese Windows opens BOM-less UTF-8 as Shift_JIS and garbles it).
public struct SpreadsheetExport {
    /// One cell's value.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Double)
        case integer(Int64)
        /// An ISO date (YYYY-MM-DD), written as an Excel date.
        case date(String)
        case empty
    }

    /// The columns' machine names (the CSV header), and their headings in the workbook.
    public var columns: [String]
    public var headings: [String]
    public var rows: [[Cell]]
    /// The lines below the table: the edition, its note, the credits.
    public var notes: [String]

    public init(columns: [String], headings: [String]? = nil, rows: [[Cell]], notes: [String]) {
        self.columns = columns
        self.headings = headings ?? columns.map(ColumnHeadings.japanese)
        self.rows = rows
        self.notes = notes
    }

    /// The workbook's bytes, the sheet named `sheetName`.
    /// - Throws: `XLSXError` when the table does not fit a sheet (over 1,048,575 rows).
    public func xlsx(sheetName: String) throws -> Data {
        var writer = try XLSXWriter(sheetName: sheetName, header: headings)
        for row in rows {
            try writer.append(row.map { cell -> XLSXWriter.Value in
                switch cell {
                case .text(let text): .text(text)
                case .number(let number): .number(number)
                case .integer(let integer): Int(exactly: integer).map { .integer($0) } ?? .number(Double(integer))
                case .date(let iso): XLSXDate(iso: iso).map { .date($0) } ?? .text(iso)
                case .empty: .empty
                }
            })
        }
        return try writer.data(notes: notes)
    }

    /// `csv` (LF line ends, as the CSV writers make it) as Excel opens it without garbling:
    /// a UTF-8 byte order mark, CRLF line ends (quoted line breaks too, as Excel writes them).
    public static func excelCSV(_ csv: String) -> Data {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes.reserveCapacity(csv.utf8.count + csv.utf8.count / 40 + 3)
        var previous: UInt8 = 0
        for byte in csv.utf8 {
            if byte == 0x0A && previous != 0x0D { bytes.append(0x0D) }
            bytes.append(byte)
            previous = byte
        }
        return Data(bytes)
    }

    /// The notes of a table of edition `edition`: the edition (and note), the credits, and that
    /// the data is invented when the edition says so.
    public static func notes(edition: String, note: String?, credits: [String]) -> [String] {
        ["版: \(edition)" + (note.map { "（\($0)）" } ?? "")] + credits.map { "出典: \($0)" }
    }
}

extension QueryTable {
    /// The table as a spreadsheet: strings as text (ISO dates in `dateColumns` as dates),
    /// integers and numbers as numbers, null as empty; the edition and credits from the metadata.
    public func spreadsheet(dateColumns: Set<String> = []) -> SpreadsheetExport {
        let cells = rows.map { row in
            columns.map { column -> SpreadsheetExport.Cell in
                switch row[column] ?? .null {
                case .null: .empty
                case .string(let text): dateColumns.contains(column) ? .date(text) : .text(text)
                case .integer(let value): .integer(Int64(value))
                case .number(let value): .number(value)
                case let other: .text(Self.cell(other))
                }
            }
        }
        let credits = metadata["attribution"].map { Self.cell($0).components(separatedBy: " / ") } ?? []
        var notes = SpreadsheetExport.notes(edition: Self.cell(metadata["edition"] ?? .null), note: metadata["edition_note"].map(Self.cell),
                                            credits: credits)
        if let query = metadata["query"] { notes.insert("問い合わせ: " + Self.cell(query), at: 1) }
        return SpreadsheetExport(columns: columns, rows: cells, notes: notes)
    }
}

/// The Japanese headings of the columns the CLI and the service name in English, for the
/// spreadsheets people read (one vocabulary: the English name is the column, this is its label).
public enum ColumnHeadings {
    static let table: [String: String] = [
        "id": "案件ID", "name": "名称", "company": "事業者名", "company_size": "企業規模", "programme": "支援制度", "category": "カテゴリ",
        "plan": "計画", "field": "戦略分野", "support_jpy": "支援額（円）", "total_investment_jpy": "総投資額（円）", "jobs": "雇用創出数",
        "wage_commitment_pct": "年平均賃上げ率（%）", "budget": "予算", "adopted": "採択日", "status": "状況", "announced": "公表日",
        "address": "所在地", "location_precision": "位置の精度", "lon": "経度", "lat": "緯度", "code": "市区町村コード", "source": "出典",
        "ward_code": "市区町村（N03単位）コード", "municipality_code": "市区町村コード（政令市は市）", "prefecture_code": "都道府県コード",
        "bureau": "経済産業局", "match": "結合方法", "sea_distance_km": "海上距離（km）", "code_mismatch": "コード不一致",
        "level": "区分", "count": "件数", "population": "人口（2020年国勢調査）", "area_km2": "面積（km²）", "value": "値",
        "rank": "順位", "prefecture": "都道府県", "units": "市区町村数", "uncovered_units": "空白市区町村数",
        "uncovered_population": "空白地域の人口", "uncovered_share": "空白地域の人口比", "projects": "事業数",
        "nearest_site_id": "最寄り拠点ID", "nearest_site": "最寄り拠点", "nearest_site_km": "最寄り拠点までの距離（km）",
        "nearest_covered_code": "最寄りの事業のある市区町村コード", "nearest_covered": "最寄りの事業のある市区町村",
        "nearest_covered_km": "最寄りの事業のある市区町村までの距離（km）", "change": "変更", "field_name": "項目",
        "before": "変更前", "after": "変更後",
    ]

    /// The heading of `column`, the column's own name when it has none.
    public static func japanese(_ column: String) -> String { table[column] ?? column }
}
