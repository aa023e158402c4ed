/// Reads the merged ranges of a worksheet part before its rows: `<mergeCells>` comes after
/// `<sheetData>` in the file, but whoever reads the rows (header detection) needs the ranges
/// first. Only the tail after `</sheetData>` is scanned, found by searching the bytes backwards
/// for `sheetData`: '<' cannot appear raw in text or attribute values, so the last occurrence
/// is that end tag (or `<sheetData/>`), not cell content.
enum MergedRangeReader {
    /// The merged ranges, in file order.
    /// - Throws: `XLSXError` for malformed XML in the tail or a `ref` that is not a range.
    static func ranges(in bytes: [UInt8], file: String, part: String) throws -> [XLSXCellRange] {
        guard let tailStart = endOfSheetData(bytes) else { return [] }
        return try XMLPart.scan(bytes, file: file, part: part, startingAt: tailStart) { scanner in
            var ranges: [XLSXCellRange] = []
            while true {
                switch try scanner.next() {
                case .endOfDocument:
                    return ranges
                case .startElement where scanner.nameIs("mergeCell"):
                    guard let text = try scanner.attributeString("ref") else { continue }
                    guard let range = XLSXCellRange(text) else {
                        throw XLSXError(file: file, part: part, reason: "merged range \"\(text)\" is not a range of cells")
                    }
                    ranges.append(range)
                default:
                    continue
                }
            }
        }
    }

    /// The index after the `>` that ends `</sheetData>` or `<sheetData/>`, or nil.
    private static func endOfSheetData(_ bytes: [UInt8]) -> Int? {
        let name = Array("sheetData".utf8)
        var index = bytes.count - name.count
        while index >= 0 {
            if bytes[index] == name[0], bytes[index..<(index + name.count)].elementsEqual(name) {
                var end = index + name.count
                while end < bytes.count, bytes[end] != ASCII.greaterThan { end += 1 }
                return end < bytes.count ? end + 1 : nil
            }
            index -= 1
        }
        return nil
    }
}
