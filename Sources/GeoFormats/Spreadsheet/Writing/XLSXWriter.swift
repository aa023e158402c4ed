import Foundation

/// Writes a workbook of one sheet: a bold header row, frozen, with an autofilter, then rows of
/// text, numbers and dates, columns as wide as their content (within 8 to 60 characters).
///
/// Rows are turned into XML as they are appended, so memory grows with the sheet's XML (about
/// 30 bytes a cell) rather than with the values. The output is byte-for-byte the same for the
/// same input: fixed part order, fixed zip dates, no document properties (no creation time).
///
/// Text is written as shared strings, numbers as numbers (cell type n), dates as serials of the
/// 1900 date system. Characters XML 1.0 cannot hold (control characters other than tab, line
/// feed and carriage return) are dropped from text; the sheet name is made one Excel accepts
/// (`validSheetName`).
///
/// ```swift
/// var writer = try XLSXWriter(sheetName: "案件", header: ["id", "事業名", "金額", "採択日"])
/// try writer.append([.text("P-1"), .text("工場新設"), .integer(1_250_000_000), .date(XLSXDate(iso: "2025-04-01")!)])
/// try AtomicFile.write(Array(writer.data()), to: url)
/// ```
public struct XLSXWriter: Sendable {
    /// The rows an Excel sheet holds, the header included.
    public static let maxRows = 1_048_576
    /// The narrowest and widest column, in characters.
    static let columnWidthRange = 8...60

    /// The sheet's name as written (see `validSheetName`).
    public let sheetName: String
    /// Names the output in errors.
    public let displayName: String
    /// The rows appended after the header.
    public private(set) var dataRowCount = 0

    private var sheetData: [UInt8] = []
    private var sharedStrings: [String] = []
    private var sharedStringIndexes: [ExactText: Int] = [:]
    private var sharedStringCount = 0
    /// The widest content of each column, in characters.
    private var contentWidths: [Int] = []
    /// Column letters, as bytes, by index.
    private var columnLetters: [[UInt8]] = []

    /// Starts the sheet with its header row.
    /// - Parameters:
    ///   - displayName: names the output in errors (the file it will be written to).
    /// - Throws: `XLSXError` when the header has more columns than Excel's 16,384.
    public init(sheetName: String, header: [String], displayName: String = "xlsx output") throws {
        self.sheetName = Self.validSheetName(sheetName)
        self.displayName = displayName
        try checkWidth(header.count)
        appendRow(number: 1, header.map { .text($0) }, style: .header)
        // Room for the autofilter's button.
        for index in contentWidths.indices where contentWidths[index] > 0 { contentWidths[index] += 2 }
    }

    /// Appends a row below the last.
    /// - Throws: `XLSXError` when the sheet would have more rows than Excel's 1,048,576 or the row
    ///   more columns than 16,384.
    public mutating func append(_ row: [Value]) throws {
        guard dataRowCount + 1 < Self.maxRows else {
            throw XLSXError(file: displayName, sheet: sheetName,
                            reason: "more than \(Self.maxRows - 1) rows below the header: an Excel sheet holds \(Self.maxRows) rows")
        }
        try checkWidth(row.count)
        dataRowCount += 1
        appendRow(number: dataRowCount + 1, row, style: nil)
    }

    /// The .xlsx file's bytes.
    /// - Parameter notes: lines written below the table after an empty row, outside its
    ///   autofilter and not widening its columns: the edition, the as-of date, the credits.
    /// - Throws: `XLSXError` when the zip archive cannot be made.
    public func data(notes: [String] = []) throws -> Data {
        var withNotes = self
        for (index, note) in notes.enumerated() {
            withNotes.appendRow(number: dataRowCount + 3 + index, [.text(note)], style: nil)
        }
        let sheetData = withNotes.sheetData, sharedStrings = withNotes.sharedStrings, sharedStringCount = withNotes.sharedStringCount
        let columnCount = contentWidths.count
        let lastCell = XLSXCellReference(column: max(columnCount - 1, 0), row: dataRowCount + 1)
        let filterRange = columnCount > 0 ? XLSXCellRange(XLSXCellReference(column: 0, row: 1), lastCell) : nil
        let widths = contentWidths.map { Double(min(max($0 + 2, Self.columnWidthRange.lowerBound), Self.columnWidthRange.upperBound)) }
        let members = [
            DeterministicZip.Member(path: "[Content_Types].xml", pieces: [Array(WorkbookParts.contentTypes.utf8)]),
            DeterministicZip.Member(path: "_rels/.rels", pieces: [Array(WorkbookParts.packageRelationships.utf8)]),
            DeterministicZip.Member(path: "xl/workbook.xml", pieces: [Array(WorkbookParts.workbook(sheetName: sheetName, filterRange: filterRange).utf8)]),
            DeterministicZip.Member(path: "xl/_rels/workbook.xml.rels", pieces: [Array(WorkbookParts.workbookRelationships.utf8)]),
            DeterministicZip.Member(path: "xl/styles.xml", pieces: [Array(WorkbookParts.styles.utf8)]),
            DeterministicZip.Member(path: "xl/sharedStrings.xml", pieces: [WorkbookParts.sharedStrings(sharedStrings, count: sharedStringCount)]),
            DeterministicZip.Member(path: "xl/worksheets/sheet1.xml", pieces: [
                Array(WorkbookParts.sheetHead(dimension: filterRange?.description ?? "A1", columnWidths: widths).utf8),
                sheetData,
                Array(WorkbookParts.sheetTail(filterRange: filterRange).utf8),
            ]),
        ]
        do {
            return try DeterministicZip.archive(members)
        } catch {
            throw XLSXError(file: displayName, reason: "cannot make the zip archive (\(error))")
        }
    }

    /// Writes the file at `url` (plainly: for a file that readers never see half-written, write
    /// `data()` through the project's atomic file writer).
    /// - Throws: `XLSXError` naming the path when it cannot be written.
    public func write(to url: URL, notes: [String] = []) throws {
        let bytes = try data(notes: notes)
        do {
            try bytes.write(to: url)
        } catch {
            throw XLSXError(file: url.path, reason: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// `name` as Excel accepts a sheet name: `[ ] : * ? / \` become `_`, leading and trailing
    /// `'` are dropped, at most 31 characters (UTF-16 units) are kept, and an empty name (or
    /// Excel's reserved `History`) gets a name of its own (`Sheet1`, `History_`).
    public static func validSheetName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        var length = 0
        for scalar in name.unicodeScalars {
            guard length + scalar.utf16.count <= 31 else { break }
            scalars.append("[]:*?/\\".unicodeScalars.contains(scalar) ? "_" : scalar)
            length += scalar.utf16.count
        }
        var valid = String(scalars)
        while valid.hasPrefix("'") { valid.removeFirst() }
        while valid.hasSuffix("'") { valid.removeLast() }
        if valid.isEmpty { return "Sheet1" }
        return valid.lowercased() == "history" ? "\(valid)_" : valid
    }

    // MARK: - Rows

    private func checkWidth(_ count: Int) throws {
        guard count <= XLSXCellReference.maxColumn + 1 else {
            throw XLSXError(file: displayName, sheet: sheetName,
                            reason: "a row of \(count) columns: an Excel sheet holds \(XLSXCellReference.maxColumn + 1)")
        }
    }

    private mutating func appendRow(number: Int, _ values: [Value], style rowStyle: WorkbookParts.Style?) {
        let rowNumber = Array(String(number).utf8)
        let rowStart = sheetData.count
        sheetData += #"<row r=""#.utf8
        sheetData += rowNumber
        sheetData += #"">"#.utf8
        let cellsStart = sheetData.count
        for (column, value) in values.enumerated() {
            switch value {
            case .empty:
                continue
            case .text(let text):
                guard !text.isEmpty else { continue }
                appendCell(column, rowNumber, style: rowStyle, type: "s", value: String(sharedStringIndex(text)))
                widen(column, to: DisplayWidth.of(text, limit: Self.columnWidthRange.upperBound))
            case .number(let number):
                let text = number.isFinite ? NumberText.plain(number) : "#NUM!"
                appendCell(column, rowNumber, style: rowStyle, type: number.isFinite ? nil : "e", value: text)
                widen(column, to: text.utf8.count)
            case .integer(let integer):
                let text = String(integer)
                appendCell(column, rowNumber, style: rowStyle, type: nil, value: text)
                widen(column, to: text.utf8.count)
            case .date(let date):
                guard let serial = date.serial() else {
                    appendCell(column, rowNumber, style: rowStyle, type: "s", value: String(sharedStringIndex(date.isoText)))
                    widen(column, to: date.isoText.utf8.count)
                    continue
                }
                let hasTime = date.secondsOfDay > 0
                appendCell(column, rowNumber, style: hasTime ? .dateTime : .date, type: nil, value: NumberText.plain(serial))
                widen(column, to: hasTime ? 19 : 10)
            }
        }
        if sheetData.count == cellsStart {
            // No cell: a row without cells is left out, as Excel leaves it out.
            sheetData.removeSubrange(rowStart...)
        } else {
            sheetData += "</row>".utf8
        }
    }

    /// `<c r="B2" s="1" t="s"><v>value</v></c>`; `value` needs no escaping.
    private mutating func appendCell(_ column: Int, _ rowNumber: [UInt8], style: WorkbookParts.Style?, type: String?, value: String) {
        while columnLetters.count <= column {
            columnLetters.append(Array(XLSXCellReference.columnName(columnLetters.count).utf8))
        }
        sheetData += #"<c r=""#.utf8
        sheetData += columnLetters[column]
        sheetData += rowNumber
        if let style, style != .normal {
            sheetData += #"" s=""#.utf8
            sheetData += String(style.rawValue).utf8
        }
        if let type {
            sheetData += #"" t=""#.utf8
            sheetData += type.utf8
        }
        sheetData += #""><v>"#.utf8
        sheetData += value.utf8
        sheetData += "</v></c>".utf8
    }

    private mutating func sharedStringIndex(_ text: String) -> Int {
        sharedStringCount += 1
        let key = ExactText(text: text)
        if let index = sharedStringIndexes[key] { return index }
        let index = sharedStrings.count
        sharedStrings.append(text)
        sharedStringIndexes[key] = index
        return index
    }

    private mutating func widen(_ column: Int, to width: Int) {
        if contentWidths.count <= column {
            contentWidths.append(contentsOf: repeatElement(0, count: column + 1 - contentWidths.count))
        }
        contentWidths[column] = max(contentWidths[column], width)
    }
}
