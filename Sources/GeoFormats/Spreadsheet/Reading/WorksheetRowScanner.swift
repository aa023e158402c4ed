/// Reads the rows of a worksheet part (`<sheetData>`) one at a time, turning each cell into an
/// `XLSXCellValue` with the workbook's shared strings, cell formats and date system.
struct WorksheetRowScanner {
    /// A cell's `t` attribute.
    private enum CellType {
        case number, sharedString, inlineString, formulaString, bool, error, isoDate
    }

    let file: String
    let sheet: String
    let part: String
    let sharedStrings: [String]
    let styles: CellStyleTable
    let usesDate1904: Bool
    let limits: XLSXLimits

    /// Hands each `<row>` of `bytes` (the worksheet part) to `body`, in file order, and stops at
    /// `</sheetData>`. A row without `r` follows the previous row, a cell without `r` the
    /// previous cell. Trailing empty cells are dropped; rows without cells are handed on too.
    /// - Throws: `XLSXError` for malformed XML, a bad cell reference, type or value, or a sheet
    ///   over `limits.maxRows` or `limits.maxCells`; what `body` throws, unchanged.
    func scan(_ bytes: [UInt8], _ body: (XLSXRow) throws -> Void) throws {
        try XMLPart.scan(bytes, file: file, part: part) { scanner in
            var inSheetData = false
            var rowNumber = 0
            var rowCount = 0
            var cellCount = 0
            var cells: [XLSXCellValue] = []
            // The cell being read.
            var column = -1
            var style = 0
            var type = CellType.number
            var value = TextPieces()
            var inlineText = ""
            var inValue = false
            var inInlineString = false
            var inInlineText = false
            var phoneticDepth = 0

            while true {
                switch try scanner.next() {
                case .endOfDocument:
                    return
                case .startElement:
                    guard inSheetData else {
                        inSheetData = scanner.nameIs("sheetData")
                        continue
                    }
                    if scanner.nameIs("c") {
                        column = try cellColumn(scanner, previous: column, row: rowNumber)
                        style = scanner.attribute("s").flatMap { scanner.integer($0.value) } ?? 0
                        type = try cellType(scanner, cell: XLSXCellReference(column: column, row: rowNumber))
                        value = TextPieces()
                        inlineText = ""
                        cellCount += 1
                        if cellCount > limits.maxCells {
                            throw XLSXError(file: file, sheet: sheet, reason: "more than \(limits.maxCells) cells, over the limit")
                        }
                    } else if scanner.nameIs("v") {
                        inValue = true
                    } else if scanner.nameIs("row") {
                        if let attribute = scanner.attribute("r") {
                            guard let number = scanner.integer(attribute.value), number >= 1 else {
                                throw XLSXError(file: file, part: part, sheet: sheet,
                                                reason: "row number \"\(try scanner.string(attribute.value, decoding: attribute.needsDecoding))\" after row \(rowNumber) is not a number")
                            }
                            rowNumber = number
                        } else {
                            rowNumber += 1
                        }
                        rowCount += 1
                        if rowCount > limits.maxRows {
                            throw XLSXError(file: file, sheet: sheet, reason: "more than \(limits.maxRows) rows, over the limit")
                        }
                        if rowNumber > limits.maxRows {
                            throw XLSXError(file: file, sheet: sheet, reason: "row \(rowNumber) is past the limit of \(limits.maxRows) rows")
                        }
                        cells.removeAll(keepingCapacity: true)
                        column = -1
                    } else if scanner.nameIs("is") {
                        inInlineString = true
                    } else if scanner.nameIs("t") {
                        inInlineText = inInlineString && phoneticDepth == 0
                    } else if scanner.nameIs("rPh") {
                        phoneticDepth += 1
                    }
                case .endElement:
                    guard inSheetData else { continue }
                    if scanner.nameIs("v") {
                        inValue = false
                    } else if scanner.nameIs("c") {
                        let cell = try cellValue(type: type, style: style, value: value, inlineText: inlineText, scanner: scanner,
                                                 reference: XLSXCellReference(column: column, row: rowNumber))
                        if column < cells.count {
                            cells[column] = cell
                        } else if !cell.isEmpty {
                            while cells.count < column { cells.append(.empty) }
                            cells.append(cell)
                        }
                    } else if scanner.nameIs("row") {
                        while cells.last?.isEmpty == true { cells.removeLast() }
                        try body(XLSXRow(number: rowNumber, cells: cells))
                    } else if scanner.nameIs("t") {
                        inInlineText = false
                    } else if scanner.nameIs("is") {
                        inInlineString = false
                    } else if scanner.nameIs("rPh") {
                        phoneticDepth -= 1
                    } else if scanner.nameIs("sheetData") {
                        return
                    }
                case .text:
                    if inValue {
                        try value.append(scanner)
                    } else if inInlineText {
                        inlineText += try scanner.textString()
                    }
                }
            }
        }
    }

    /// The 0-based column of the `<c>` just started: from its `r`, else the one after `previous`.
    private func cellColumn(_ scanner: XMLScanner, previous: Int, row: Int) throws -> Int {
        guard let attribute = scanner.attribute("r") else {
            guard previous < XLSXCellReference.maxColumn else {
                throw XLSXError(file: file, sheet: sheet, reason: "row \(row) has a cell past column XFD, Excel's last")
            }
            return previous + 1
        }
        guard let parsed = XLSXCellReference.parse(scanner.bytes[attribute.value]) else {
            throw XLSXError(file: file, part: part, sheet: sheet,
                            reason: "cell reference \"\(try scanner.string(attribute.value, decoding: attribute.needsDecoding))\" in row \(row) is not a cell up to XFD")
        }
        return parsed.column
    }

    private func cellType(_ scanner: XMLScanner, cell: XLSXCellReference) throws -> CellType {
        guard let attribute = scanner.attribute("t") else { return .number }
        let bytes = scanner.bytes[attribute.value]
        switch bytes.count {
        case 1 where bytes.first == UInt8(ascii: "s"): return .sharedString
        case 1 where bytes.first == UInt8(ascii: "n"): return .number
        case 1 where bytes.first == UInt8(ascii: "b"): return .bool
        case 1 where bytes.first == UInt8(ascii: "e"): return .error
        case 1 where bytes.first == UInt8(ascii: "d"): return .isoDate
        default: break
        }
        let name = try scanner.string(attribute.value, decoding: attribute.needsDecoding)
        switch name {
        case "str": return .formulaString
        case "inlineStr": return .inlineString
        default: throw XLSXError(file: file, sheet: sheet, cell: cell.description, reason: "unknown cell type t=\"\(name)\"")
        }
    }

    private func cellValue(type: CellType, style: Int, value: TextPieces, inlineText: String, scanner: XMLScanner,
                           reference: XLSXCellReference) throws -> XLSXCellValue {
        func failure(_ reason: String) -> XLSXError {
            XLSXError(file: file, sheet: sheet, cell: reference.description, reason: reason)
        }
        if type == .inlineString {
            let text = EscapedCharacters.decoded(inlineText)
            return text.isEmpty ? .empty : .text(text)
        }
        // A formula without its result saved, or a cell with a style only.
        guard !value.isEmpty else { return .empty }
        switch type {
        case .sharedString:
            guard let index = value.integer(scanner) else {
                throw failure("shared string index \"\(try value.string(scanner))\" is not a number")
            }
            guard index < sharedStrings.count else {
                throw failure("shared string \(index) does not exist (the workbook has \(sharedStrings.count))")
            }
            let text = sharedStrings[index]
            return text.isEmpty ? .empty : .text(text)
        case .number:
            let text = try value.string(scanner)
            guard let number = Double(text), number.isFinite else { throw failure("\"\(text)\" is not a number") }
            if styles.isDate(style), let date = XLSXDate(serial: number, date1904: usesDate1904) {
                return .date(date, text: text)
            }
            return .number(number, text: text)
        case .formulaString:
            let text = EscapedCharacters.decoded(try value.string(scanner))
            return text.isEmpty ? .empty : .text(text)
        case .bool:
            switch try value.string(scanner) {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            case let text: throw failure("\"\(text)\" is not a boolean (1 or 0)")
            }
        case .error:
            return .error(try value.string(scanner))
        case .isoDate:
            let text = try value.string(scanner)
            guard let date = XLSXDate(iso: text) else { throw failure("\"\(text)\" is not an ISO date") }
            return .date(date, text: text)
        case .inlineString:
            return .empty // handled above
        }
    }
}

/// The text of a `<v>`: one range of the document in the usual case, joined into a String only
/// when it comes in pieces (CDATA sections, comments).
private struct TextPieces {
    private var range: Range<Int>?
    private var needsDecoding = false
    private var joined: String?

    var isEmpty: Bool {
        if let joined { return joined.isEmpty }
        return range?.isEmpty ?? true
    }

    mutating func append(_ scanner: XMLScanner) throws {
        if joined == nil, range == nil {
            range = scanner.text
            needsDecoding = scanner.textNeedsDecoding
        } else {
            joined = try string(scanner) + scanner.textString()
        }
    }

    func string(_ scanner: XMLScanner) throws -> String {
        if let joined { return joined }
        guard let range else { return "" }
        return try scanner.string(range, decoding: needsDecoding)
    }

    /// The value as a non-negative integer (a shared string index), read from the bytes.
    func integer(_ scanner: XMLScanner) -> Int? {
        if let joined { return Int(joined) }
        guard let range, !needsDecoding else { return nil }
        return scanner.integer(range)
    }
}
