/// What `xl/workbook.xml` says: the sheets in order and the date system.
struct WorkbookPart: Sendable {
    /// A `<sheet>` entry: its name, the relationship that points at its part, and whether it is
    /// hidden.
    struct SheetEntry: Sendable {
        var name: String
        var relationshipID: String
        var isHidden: Bool
    }

    var sheets: [SheetEntry] = []
    /// True when dates count from 1904 (`<workbookPr date1904="1"/>`).
    var usesDate1904 = false

    /// - Throws: `XLSXError` for malformed XML.
    static func parse(_ bytes: [UInt8], part: String, file: String) throws -> WorkbookPart {
        try XMLPart.scan(bytes, file: file, part: part) { scanner in
            var workbook = WorkbookPart()
            while true {
                switch try scanner.next() {
                case .endOfDocument:
                    return workbook
                case .startElement where scanner.nameIs("workbookPr"):
                    let value = try scanner.attributeString("date1904")
                    workbook.usesDate1904 = value == "1" || value == "true"
                case .startElement where scanner.nameIs("sheet"):
                    // The relationship is `r:id`: matched by its local name, whatever the prefix.
                    guard let name = try scanner.attributeString("name"), let id = try scanner.attributeString("id") else {
                        throw XLSXError(file: file, part: part, reason: "a <sheet> without a name or a relationship id")
                    }
                    let state = try scanner.attributeString("state")
                    workbook.sheets.append(SheetEntry(name: name, relationshipID: id, isHidden: state == "hidden" || state == "veryHidden"))
                default:
                    continue
                }
            }
        }
    }
}
