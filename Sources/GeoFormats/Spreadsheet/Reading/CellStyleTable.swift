/// What the reader needs of `xl/styles.xml`: which cell formats (`cellXfs`, the `s` of a cell)
/// show their number as a date or time.
struct CellStyleTable: Sendable {
    /// By cell format index: true when its number format is a date or time format.
    let dateStyles: [Bool]

    /// A workbook without styles: no cell shows a date.
    static let none = CellStyleTable(dateStyles: [])

    /// True when the cell format `index` shows dates; false for an index the table lacks.
    @inline(__always)
    func isDate(_ index: Int) -> Bool {
        index >= 0 && index < dateStyles.count && dateStyles[index]
    }

    /// Reads the custom number formats (`<numFmts>`) and the cell formats (`<cellXfs>`; not the
    /// `cellStyleXfs` nor the conditional formats' `dxfs`). A custom format takes precedence
    /// over a built-in one of the same id.
    /// - Throws: `XLSXError` for malformed XML.
    static func parse(_ bytes: [UInt8], part: String, file: String) throws -> CellStyleTable {
        try XMLPart.scan(bytes, file: file, part: part) { scanner in
            var customFormats: [Int: String] = [:]
            var formatIDs: [Int] = []
            var inNumberFormats = false
            var inCellFormats = false
            while true {
                switch try scanner.next() {
                case .endOfDocument:
                    let dateStyles = formatIDs.map { id in
                        customFormats[id].map(XLSXNumberFormat.showsDate) ?? XLSXNumberFormat.isBuiltInDate(id)
                    }
                    return CellStyleTable(dateStyles: dateStyles)
                case .startElement:
                    if scanner.nameIs("numFmts") {
                        inNumberFormats = true
                    } else if scanner.nameIs("cellXfs") {
                        inCellFormats = true
                    } else if inNumberFormats, scanner.nameIs("numFmt"),
                              let id = scanner.attribute("numFmtId").flatMap({ scanner.integer($0.value) }) {
                        customFormats[id] = try scanner.attributeString("formatCode") ?? ""
                    } else if inCellFormats, scanner.nameIs("xf") {
                        formatIDs.append(scanner.attribute("numFmtId").flatMap { scanner.integer($0.value) } ?? 0)
                    }
                case .endElement:
                    if scanner.nameIs("numFmts") {
                        inNumberFormats = false
                    } else if scanner.nameIs("cellXfs") {
                        inCellFormats = false
                    }
                case .text:
                    continue
                }
            }
        }
    }
}
