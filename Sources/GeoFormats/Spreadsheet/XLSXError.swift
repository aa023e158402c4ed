import Foundation

/// A problem reading or writing an .xlsx workbook, told in one line that names the file, the
/// place and the reason:
///
/// - `ledger.xlsx: 案件!C12: shared string 40 does not exist (the workbook has 12)`
/// - `ledger.xlsx: xl/worksheets/sheet1.xml line 2: malformed XML at byte 5133 of the line: …`
/// - `ledger.xlsx: no sheet named "案件 " (sheets: 概要, 案件)`
public struct XLSXError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    /// The workbook, as the caller named it.
    public var file: String
    /// The package part (zip member) the problem is in, such as `xl/styles.xml`.
    public var part: String?
    /// The 1-based line in `part`.
    public var line: Int?
    /// The sheet the problem is in.
    public var sheet: String?
    /// The cell (`C12`) in `sheet`.
    public var cell: String?
    /// What is wrong.
    public var reason: String

    public init(file: String, part: String? = nil, line: Int? = nil, sheet: String? = nil, cell: String? = nil, reason: String) {
        self.file = file
        self.part = part
        self.line = line
        self.sheet = sheet
        self.cell = cell
        self.reason = reason
    }

    public var description: String {
        var place: [String] = []
        switch (sheet, cell) {
        case let (sheet?, cell?): place.append(XLSXCellReference.qualified(sheet: sheet, cell: cell))
        case let (sheet?, nil): place.append("sheet \(sheet)")
        default: break
        }
        if let part {
            let location = line.map { "\(part) line \($0)" } ?? part
            place.append(place.isEmpty ? location : "(\(location))")
        }
        return place.isEmpty ? "\(file): \(reason)" : "\(file): \(place.joined(separator: " ")): \(reason)"
    }

    public var errorDescription: String? { description }
}
