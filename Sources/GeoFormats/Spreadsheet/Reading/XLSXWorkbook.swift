import Foundation

/// An .xlsx workbook (Office Open XML spreadsheet), opened for reading its sheets.
///
/// Opening reads the package's structure: `_rels/.rels`, `xl/workbook.xml` and its
/// relationships, and `xl/styles.xml`. `sheet(named:)` and `firstSheet()` then inflate the
/// shared strings and one sheet. Nothing is kept open between calls, so a workbook value can be
/// shared between threads.
///
/// Every part is checked against `limits` before it is inflated (sizes from the zip's central
/// directory) and while it is (in case the directory understates them).
public struct XLSXWorkbook: Sendable {
    /// A sheet's place in the package.
    struct SheetLocation: Sendable {
        var name: String
        /// The part, or nil when the workbook's relationships do not lead to one.
        var part: String?
        var isWorksheet: Bool
        var isHidden: Bool
    }

    public let url: URL
    /// How errors name the workbook.
    public let displayName: String
    public let limits: XLSXLimits
    /// True when the workbook counts dates from 1904 (old Mac workbooks).
    public let usesDate1904: Bool
    let sheets: [SheetLocation]
    let sharedStringsPart: String?
    let styles: CellStyleTable

    /// Opens the workbook at `url`.
    ///
    /// - Parameters:
    ///   - displayName: names the workbook in errors; the file's name when nil.
    /// - Throws: `XLSXError` when the file cannot be read or is over the limits; when it is not
    ///   a zip archive (a password-protected workbook or an old .xls file is named as such); when
    ///   the archive is not a workbook (no `xl/workbook.xml`); for malformed XML.
    public init(contentsOf url: URL, displayName: String? = nil, limits: XLSXLimits = .standard) throws {
        let file = displayName ?? url.lastPathComponent
        self.url = url
        self.displayName = file
        self.limits = limits
        let archive = try PackageArchive(url: url, file: file, limits: limits)

        let packageRelationships = try Self.relationships(of: "", in: archive)
        let workbookPart = packageRelationships.first { $0.isType("officeDocument") }?.targetPart ?? "xl/workbook.xml"
        guard let workbookBytes = try archive.read(workbookPart) else {
            throw XLSXError(file: file, reason: Self.notWorkbookReason(archive))
        }
        let workbook = try WorkbookPart.parse(workbookBytes, part: workbookPart, file: file)
        let relationships = try Self.relationships(of: workbookPart, in: archive)
        let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sheets = workbook.sheets.map { entry in
            let relationship = byID[entry.relationshipID]
            return SheetLocation(name: entry.name, part: relationship?.targetPart,
                                 isWorksheet: relationship?.isType("worksheet") ?? false, isHidden: entry.isHidden)
        }
        usesDate1904 = workbook.usesDate1904
        sharedStringsPart = relationships.first { $0.isType("sharedStrings") }?.targetPart
        if let stylesPart = relationships.first(where: { $0.isType("styles") })?.targetPart,
           let bytes = try archive.read(stylesPart) {
            styles = try CellStyleTable.parse(bytes, part: stylesPart, file: file)
        } else {
            styles = .none
        }
    }

    /// The sheets' names in workbook (tab) order, hidden sheets and chart sheets included.
    public var sheetNames: [String] {
        sheets.map(\.name)
    }

    /// The worksheet named `name` (exactly as its tab shows it).
    /// - Throws: `XLSXError` when there is no such sheet (listing the sheets there are), when it
    ///   is a chart sheet, or when its part is missing, over the limits or malformed.
    public func sheet(named name: String) throws -> XLSXSheet {
        guard let location = sheets.first(where: { $0.name == name }) else {
            let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw XLSXError(file: displayName, reason: "no sheet named \"\(name)\" (sheets: \(names.isEmpty ? "none" : names))")
        }
        return try load(location)
    }

    /// The first worksheet in tab order that is not hidden (else the first worksheet).
    /// - Throws: `XLSXError` when the workbook has no worksheet, or as `sheet(named:)`.
    public func firstSheet() throws -> XLSXSheet {
        let worksheets = sheets.filter(\.isWorksheet)
        guard let location = worksheets.first(where: { !$0.isHidden }) ?? worksheets.first else {
            throw XLSXError(file: displayName, reason: "the workbook has no worksheet")
        }
        return try load(location)
    }

    private func load(_ location: SheetLocation) throws -> XLSXSheet {
        guard location.isWorksheet else {
            throw XLSXError(file: displayName, sheet: location.name, reason: "not a worksheet (a chart sheet?): it has no cells to read")
        }
        let archive = try PackageArchive(url: url, file: displayName, limits: limits)
        guard let part = location.part, let bytes = try archive.read(part) else {
            throw XLSXError(file: displayName, sheet: location.name, reason: "the sheet's part \(location.part ?? "(none)") is missing from the workbook")
        }
        var sharedStrings: [String] = []
        if let sharedStringsPart, let stringBytes = try archive.read(sharedStringsPart) {
            sharedStrings = try SharedStringTable.parse(stringBytes, part: sharedStringsPart, file: displayName)
        }
        return try XLSXSheet(name: location.name, part: part, bytes: bytes, sharedStrings: sharedStrings, styles: styles,
                             usesDate1904: usesDate1904, file: displayName, limits: limits)
    }

    /// The relationships of `part` ("" for the package), none when it has no relationships part.
    private static func relationships(of part: String, in archive: PackageArchive) throws -> [PackageRelationship] {
        let name = PackageRelationships.partName(for: part)
        guard let bytes = try archive.read(name) else { return [] }
        return try PackageRelationships.parse(bytes, sourcePart: part, file: archive.file)
    }

    /// Why a zip archive without a workbook part is not an .xlsx workbook, with a hint when it
    /// is another kind of document.
    private static func notWorkbookReason(_ archive: PackageArchive) -> String {
        let hint: String
        if archive.contains("xl/workbook.bin") {
            hint = "an .xlsb binary workbook: save it as .xlsx"
        } else if archive.contains("content.xml") && archive.contains("mimetype") {
            hint = "an OpenDocument file (.ods?): save it as .xlsx"
        } else if archive.contains("word/document.xml") {
            hint = "a Word document"
        } else {
            let names = archive.memberNames
            let shown = names.prefix(5).joined(separator: ", ")
            hint = names.isEmpty ? "the zip archive is empty" : "the archive holds \(names.count > 5 ? "\(shown), … (\(names.count) files)" : shown)"
        }
        return "not an .xlsx workbook: no xl/workbook.xml (\(hint))"
    }
}
