import Foundation
import Ledger
import Reference
import TestSupport
import XCTest

/// Issue 15: input without limits was read whole and stored (a 200,000,000-character name), a
/// line without a line break took minutes and a gigabyte and was echoed whole in the error, a
/// NUL cut a cell short, UTF-16 without a byte order mark came out as "missing columns" full of
/// NULs, and any year was a date. Each is now refused with the line, the column and the reason.
final class ReadingLimitsTests: XCTestCase {
    private let header = "id,name,plan,field,amount_jpy,jobs,status,announced,lon,lat,code,source"

    private func read(_ folder: TemporaryFolder, _ name: String, bytes: [UInt8],
                      limits: LedgerLimits = LedgerLimits()) throws -> LedgerReadResult<ProjectInput> {
        let url = try folder.write(name, bytes: bytes)
        return try LedgerReader.readProjects(at: url, displayName: name, reference: ReadingFixtures.reference(), limits: limits)
    }

    private func row(_ id: String, name: String = "工場", announced: String = "2025-04-01") -> String {
        "\(id),\(name),B,,100,1,planned,\(announced),139.6917,35.6895,,"
    }

    func testCellOverItsColumnLimitRejectsTheRowWithLineColumnAndLimit() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "長", count: 501)
        let text = [header, row("P1"), row("P2", name: long), row(String(repeating: "x", count: 65))].joined(separator: "\n") + "\n"
        let result = try read(folder, "long.csv", bytes: Array(text.utf8))
        XCTAssertEqual(result.rows.map(\.value.id), ["P1"])
        XCTAssertEqual(result.rejections.map(\.line), [3, 4])
        XCTAssertEqual(result.rejections[0].reason, "name: 501 characters, over the limit of 500 for name")
        XCTAssertEqual(result.rejections[0].id, "P2")
        XCTAssertEqual(result.rejections[1].reason, "id: 65 characters, over the limit of 64 for id")
        XCTAssertNil(result.rejections[1].id, "an id over its limit is not quoted")
    }

    func testNULAndOtherControlCharactersAreRejectedWithTheirPosition() throws {
        let folder = try TemporaryFolder()
        let text = [header, row("P1", name: "テスト\u{0}工場"), row("P2", name: "\"改行\n入り\""), row("P3", name: "\"タブ\tは可\""),
                    row("P4", name: "C1\u{85}"), row("P5", name: "ESC\u{1B}[31m")].joined(separator: "\n") + "\n"
        let result = try read(folder, "controls.csv", bytes: Array(text.utf8))
        XCTAssertEqual(result.rows.map(\.value.id), ["P2", "P3"])
        XCTAssertEqual(result.rows.map(\.value.name), ["改行\n入り", "タブ\tは可"], "a line break or a tab inside a quoted cell is kept")
        XCTAssertEqual(result.rejections.map(\.line), [2, 6, 7], "P2's quoted line break moves P4 to line 6")
        XCTAssertEqual(result.rejections[0].reason,
                       "name: control character U+0000 at character 4 (a cell may hold tabs and line breaks, no other control character)")
        XCTAssertTrue(result.rejections[1].reason.hasPrefix("name: control character U+0085 at character 3"), result.rejections[1].reason)
        XCTAssertTrue(result.rejections[2].reason.hasPrefix("name: control character U+001B at character 4"), result.rejections[2].reason)
    }

    func testLineWithoutLineBreakFailsAtTheLimitWithoutEchoingIt() throws {
        let folder = try TemporaryFolder()
        // 20 MB without a line break: refused once the first 2 MiB are read.
        var bytes = Array((header + "\n" + row("P1") + "\n").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 20_000_000)
        let started = Date()
        XCTAssertThrowsError(try read(folder, "runaway.csv", bytes: bytes)) { error in
            let message = "\(error)"
            XCTAssertEqual(message, "runaway.csv line 3: the line is longer than the limit of 2097152 bytes (a missing line break?)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused at the limit, not after reading everything")
    }

    func testQuotedFieldRunningPastTheRecordLimitFails() throws {
        let folder = try TemporaryFolder()
        // Short physical lines, but one quote never closed: the record grows past the limit.
        let text = header + "\n" + "P1,\"" + String(repeating: "abc\n", count: 600_000) + "\n"
        XCTAssertThrowsError(try read(folder, "unclosed.csv", bytes: Array(text.utf8))) { error in
            XCTAssertEqual("\(error)", "unclosed.csv line 2: the record starting on this line is longer than the limit of 2097152 bytes (a missing line break or closing quote?)")
        }
    }

    func testFileOverTheSizeLimitIsRefusedBeforeReading() throws {
        let folder = try TemporaryFolder()
        let text = ([header] + (1...20_000).map { row("P\($0)") }).joined(separator: "\n") + "\n"
        XCTAssertGreaterThan(text.utf8.count, 1 << 20)
        XCTAssertThrowsError(try read(folder, "big.csv", bytes: Array(text.utf8), limits: LedgerLimits(maxFileBytes: 1 << 20))) { error in
            XCTAssertEqual("\(error)", "big.csv: the file is \(text.utf8.count) bytes, over the limit of 1048576 bytes for a ledger file (raise it with --max-file-mb)")
        }
        XCTAssertEqual(try read(folder, "big.csv", bytes: Array(text.utf8)).rows.count, 20_000, "within the default limit")
    }

    func testMessagesQuoteAtMost200CharactersOfACell() throws {
        let folder = try TemporaryFolder()
        // 4,000 characters: within the WKT limit, not a polygon; the reason quotes 200 of them.
        let garbage = String(repeating: "Z", count: 4_000)
        let text = "id,name,plan,fields,status,lon,lat,wkt\nS1,団地,B,,planned,,,\(garbage)\n"
        let url = try folder.write("sites.csv", text)
        let result = try LedgerReader.readSites(at: url, displayName: "sites.csv", reference: ReadingFixtures.reference())
        let reason = try XCTUnwrap(result.rejections.first?.reason)
        XCTAssertLessThan(reason.count, 400, reason)
        XCTAssertTrue(reason.contains(" characters)"), reason)
    }

    func testUTF16WithoutByteOrderMarkIsReadAsUTF16() throws {
        let folder = try TemporaryFolder()
        let text = [header, row("P1", name: "熊本工場")].joined(separator: "\r\n") + "\r\n"
        let littleEndian = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = try read(folder, "unicode.csv", bytes: littleEndian)
        XCTAssertEqual(result.encoding, .utf16LE)
        XCTAssertEqual(result.rejections, [])
        XCTAssertEqual(result.rows.first?.value.name, "熊本工場")
        let bigEndianWithMark: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let big = try read(folder, "unicode-be.txt", bytes: bigEndianWithMark)
        XCTAssertEqual(big.encoding, .utf16BE)
        XCTAssertEqual(big.rows.first?.value.name, "熊本工場")
    }

    func testDatesOutsideTheYears1900To2100AreRejected() throws {
        let folder = try TemporaryFolder()
        let text = [header, row("P1", announced: "1899-12-31"), row("P2", announced: "1900-01-01"), row("P3", announced: "2100-12-31"),
                    row("P4", announced: "2101-01-01"), row("P5", announced: "0025-04-01")].joined(separator: "\n") + "\n"
        let result = try read(folder, "dates.csv", bytes: Array(text.utf8))
        XCTAssertEqual(result.rows.map(\.value.id), ["P2", "P3"])
        XCTAssertEqual(result.rejections.map(\.line), [2, 5, 6])
        XCTAssertEqual(result.rejections[0].reason, "announced: '1899-12-31' is outside the plausible range 1900-01-01 to 2100-12-31")
    }
}
