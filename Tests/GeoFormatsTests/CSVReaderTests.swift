import Foundation
import GeoFormats
import TestSupport
import XCTest

final class CSVReaderTests: XCTestCase {
    private func records(_ text: String, delimiter: Character = ",") throws -> [[String]] {
        try CSVReader.records(in: text, delimiter: delimiter.asciiValue!)
    }

    /// Parses `bytes` fed to the parser in chunks of every size from 1 to 7, with line numbers.
    private func chunkedRecords(_ bytes: [UInt8]) throws -> [[(Int, [String])]] {
        try (1...7).map { size in
            var parser = CSVByteParser(delimiter: UInt8(ascii: ","), sourceName: "chunks")
            var out: [(Int, [String])] = []
            var offset = 0
            while offset < bytes.count {
                let chunk = Array(bytes[offset..<min(offset + size, bytes.count)])
                try chunk.withUnsafeBufferPointer { buffer in
                    try parser.consume(buffer) { out.append(($0, $1)) }
                }
                offset += size
            }
            try parser.finish { out.append(($0, $1)) }
            return out
        }
    }

    func testPlainRecordsWithLF() throws {
        XCTAssertEqual(try records("a,b,c\n1,2,3\n"), [["a", "b", "c"], ["1", "2", "3"]])
    }

    func testCRLFAndMissingFinalLineBreak() throws {
        XCTAssertEqual(try records("a,b\r\n1,2\r\n3,4"), [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    func testBareCRLineEnds() throws {
        XCTAssertEqual(try records("a,b\r1,2\r"), [["a", "b"], ["1", "2"]])
    }

    func testQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws {
        let text = "id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\r\n5,\"\"\n"
        XCTAssertEqual(try records(text), [
            ["id", "text"], ["1", "a, b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "crlf\r\ninside"], ["5", ""],
        ])
    }

    func testEmptyFieldsAndTrailingDelimiter() throws {
        XCTAssertEqual(try records(",,\na,,b\nx,\n"), [["", "", ""], ["a", "", "b"], ["x", ""]])
    }

    func testBlankLinesAreSkippedAndLineNumbersCountThem() throws {
        var seen: [(Int, [String])] = []
        try CSVReader.forEachRecord(in: Array("h\n\n1\n\"a\nb\"\n\r\n2\n".utf8)) { seen.append(($0, $1)) }
        XCTAssertEqual(seen.map(\.0), [1, 3, 4, 7])
        XCTAssertEqual(seen.map(\.1), [["h"], ["1"], ["a\nb"], ["2"]])
    }

    func testByteOrderMarkIsStripped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code,name\n01,北海道\n".utf8)
        var seen: [[String]] = []
        try CSVReader.forEachRecord(in: bytes) { seen.append($1) }
        XCTAssertEqual(seen, [["code", "name"], ["01", "北海道"]])
        // A lone 0xEF 0xBB that is not a mark is content (and here invalid UTF-8).
        XCTAssertThrowsError(try CSVReader.forEachRecord(in: [0xEF, 0xBB, 0x41]) { _, _ in })
    }

    func testQuoteInsideUnquotedFieldIsLiteral() throws {
        XCTAssertEqual(try records("5'11\",x\n"), [["5'11\"", "x"]])
    }

    func testTabDelimiter() throws {
        XCTAssertEqual(try records("03202\t岩手県宮古市\n03203\t岩手県大船渡市\n", delimiter: "\t"),
                       [["03202", "岩手県宮古市"], ["03203", "岩手県大船渡市"]])
    }

    func testUnclosedQuoteIsAnErrorNamingTheLine() {
        XCTAssertThrowsError(try CSVReader.records(in: "a\n\"open\nstill open", sourceName: "x.csv")) { error in
            XCTAssertEqual("\(error)", "x.csv line 2: quoted field is not closed before the end of the file")
        }
    }

    func testTextAfterClosingQuoteIsAnError() {
        XCTAssertThrowsError(try CSVReader.records(in: "a,b\n\"x\"y,z\n", sourceName: "x.csv")) { error in
            XCTAssertEqual(error as? DataFileError, DataFileError(
                source: "x.csv", line: 2,
                reason: "unexpected character 'y' after the closing quote of a field (a quote inside a quoted field is written \"\")"))
        }
    }

    func testInvalidUTF8IsAnError() {
        XCTAssertThrowsError(try CSVReader.forEachRecord(in: Array("a,b\nc,".utf8) + [0xFF, 0x0A], sourceName: "bad.csv") { _, _ in }) { error in
            XCTAssertEqual("\(error)", "bad.csv line 2: field 2 is not valid UTF-8")
        }
    }

    func testCallbackErrorsPassThrough() {
        struct Stop: Error {}
        var calls = 0
        XCTAssertThrowsError(try CSVReader.forEachRecord(in: Array("1\n2\n3\n".utf8)) { _, _ in
            calls += 1
            if calls == 2 { throw Stop() }
        }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(calls, 2)
    }

    /// Splitting the input anywhere (inside a multi-byte character, a doubled quote, a CRLF or
    /// the byte order mark) must not change the result.
    func testChunkBoundariesDoNotMatter() throws {
        let text = "\u{FEFF}code,name,note\r\n01,北海道,\"a \"\"quoted\"\" word\"\r\n\r\n02,\"青森\r\n県\",\r\n03,岩手県,x"
        let expected: [(Int, [String])] = [
            (1, ["code", "name", "note"]), (2, ["01", "北海道", "a \"quoted\" word"]),
            (4, ["02", "青森\r\n県", ""]), (6, ["03", "岩手県", "x"]),
        ]
        for (size, result) in zip(1..., try chunkedRecords(Array(text.utf8))) {
            XCTAssertEqual(result.map(\.0), expected.map(\.0), "chunk size \(size)")
            XCTAssertEqual(result.map(\.1), expected.map(\.1), "chunk size \(size)")
        }
    }

    func testReadsFileAndReportsMissingFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csvreader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("t.csv")
        try Data("a,b\n1,2\n".utf8).write(to: file)
        var seen: [[String]] = []
        try CSVReader.forEachRecord(inFile: file) { seen.append($1) }
        XCTAssertEqual(seen, [["a", "b"], ["1", "2"]])

        let missing = folder.appendingPathComponent("missing.csv")
        XCTAssertThrowsError(try CSVReader.forEachRecord(inFile: missing) { _, _ in }) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(missing.path): cannot open"), "\(error)")
        }
    }

    /// The sample of town points (CRLF, 10,000 rows) parses into 7 fields per row.
    func testTownPointsSample() throws {
        let url = try TestData.sharedFile("points/town_points_sample10k.csv")
        var rows = 0
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            XCTAssertEqual(fields.count, 7, "line \(line)")
            if line == 1 { XCTAssertEqual(fields, ["code5", "pref", "city", "town", "koaza", "lat", "lng"]) }
            rows += 1
        }
        XCTAssertEqual(rows, 10_001)
    }

    func testColumnsByName() throws {
        let columns = try CSVColumns(header: ["b", "a"], required: ["a"], sourceName: "t.csv")
        XCTAssertEqual(try columns.value("a", in: ["2", "1"], line: 2), "1")
        XCTAssertEqual(columns.index(of: "b"), 0)
        XCTAssertThrowsError(try columns.value("a", in: ["2"], line: 3)) { error in
            XCTAssertEqual("\(error)", "t.csv line 3: has 1 field(s), column a is field 2")
        }
        XCTAssertThrowsError(try CSVColumns(header: ["x"], required: ["a", "b"], sourceName: "t.csv")) { error in
            XCTAssertEqual("\(error)", "t.csv line 1: missing column(s) a, b (header is x)")
        }
    }
}
