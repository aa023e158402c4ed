#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Reference
import XCTest

/// A fresh folder per test for the hand-made ledger files; removed when the test ends.
final class ReadingFixtureFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("LedgerReadingTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }
}

/// Shared helpers of the Reading tests.
enum ReadingFixtures {
    /// The real GeoData tables (plan types, strategic fields) the readers validate against.
    static func reference() throws -> ReferenceTables {
        try ReferenceTables.loadFromDefaultLocation()
    }

    /// `text` encoded as CP932 with glibc's iconv, as Excel on Japanese Windows saves a CSV.
    static func cp932(_ text: String) throws -> [UInt8] {
        let converter = iconv_open("CP932", "UTF-8")
        guard let converter, Int(bitPattern: converter) != -1 else {
            throw XCTSkip("iconv has no CP932 converter on this system")
        }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var written = 0
        var failed = false
        input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inputPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inputLeft = inputBuffer.count
                var outputPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outputLeft = outputBuffer.count
                failed = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) == -1
                written = outputBuffer.count - outputLeft
            }
        }
        guard !failed else {
            XCTFail("fixture text cannot be encoded as CP932")
            return []
        }
        return Array(output[..<written])
    }

    /// True when `bytes` contains `sequence`.
    static func contains(_ bytes: [UInt8], _ sequence: [UInt8]) -> Bool {
        guard bytes.count >= sequence.count else { return false }
        return (0...(bytes.count - sequence.count)).contains { Array(bytes[$0..<($0 + sequence.count)]) == sequence }
    }
}
