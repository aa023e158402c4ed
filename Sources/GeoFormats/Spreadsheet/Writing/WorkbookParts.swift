/// The XML of the parts around the one sheet `XLSXWriter` writes: always the same but for the
/// sheet's name, its size and the shared strings.
enum WorkbookParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The cell formats of `styles`, by index.
    enum Style: Int {
        case normal = 0
        case header = 1
        case date = 2
        case dateTime = 3
    }

    static let contentTypes = declaration
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        + #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        + "</Types>"

    static let packageRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipTypes)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static let workbookRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipTypes)/worksheet" Target="worksheets/sheet1.xml"/>"#
        + #"<Relationship Id="rId2" Type="\#(relationshipTypes)/styles" Target="styles.xml"/>"#
        + #"<Relationship Id="rId3" Type="\#(relationshipTypes)/sharedStrings" Target="sharedStrings.xml"/>"#
        + "</Relationships>"

    /// Calibri 11 and its bold for the header; dates as ISO text.
    static let styles = declaration
        + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    /// `xl/workbook.xml` with the one sheet, and the autofilter's hidden name when there is one.
    static func workbook(sheetName: String, filterRange: XLSXCellRange?) -> String {
        var names = ""
        if let filterRange {
            let absolute = "$\(XLSXCellReference.columnName(filterRange.first.column))$\(filterRange.first.row)"
                + ":$\(XLSXCellReference.columnName(filterRange.last.column))$\(filterRange.last.row)"
            let reference = XMLEscaping.text("\(XLSXCellReference.quotedSheetName(sheetName))!\(absolute)")
            names = #"<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\#(reference)</definedName></definedNames>"#
        }
        return declaration
            + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews>"#
            + #"<sheets><sheet name="\#(XMLEscaping.attribute(sheetName))" sheetId="1" r:id="rId1"/></sheets>"#
            + names
            + "</workbook>"
    }

    /// The worksheet up to `<sheetData>`: its size, the header row frozen, the column widths.
    static func sheetHead(dimension: String, columnWidths: [Double]) -> String {
        var head = declaration
            + #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipsNamespace)">"#
            + #"<dimension ref="\#(dimension)"/>"#
            + #"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"#
            + #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            + #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
            + "</sheetView></sheetViews>"
            + #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !columnWidths.isEmpty {
            head += "<cols>"
            for (index, width) in columnWidths.enumerated() {
                head += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(NumberText.plain(width))" customWidth="1"/>"#
            }
            head += "</cols>"
        }
        return head + "<sheetData>"
    }

    /// The worksheet after `</sheetData>`: the autofilter over the header and the rows.
    static func sheetTail(filterRange: XLSXCellRange?) -> String {
        "</sheetData>"
            + (filterRange.map { #"<autoFilter ref="\#($0)"/>"# } ?? "")
            + #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
            + "</worksheet>"
    }

    /// `xl/sharedStrings.xml`. `count` is the number of cells that use a shared string.
    static func sharedStrings(_ strings: [String], count: Int) -> [UInt8] {
        var bytes = Array(declaration.utf8)
        bytes += #"<sst xmlns="\#(mainNamespace)" count="\#(count)" uniqueCount="\#(strings.count)">"#.utf8
        for string in strings {
            let text = EscapedCharacters.protected(string)
            let keepsSpace = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
            bytes += (keepsSpace ? #"<si><t xml:space="preserve">"# : "<si><t>").utf8
            XMLEscaping.appendText(text, to: &bytes)
            bytes += "</t></si>".utf8
        }
        bytes += "</sst>".utf8
        return bytes
    }
}
