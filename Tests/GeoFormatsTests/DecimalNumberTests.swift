#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestSupport
import XCTest
import GeoFormats

/// The number parser must give exactly what strtod gives, bit for bit, on the fast path and off it.
final class DecimalNumberTests: XCTestCase {
    private func assertMatchesStrtod(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = strtod(text, nil)
        guard let parsed = DecimalNumber.parse(text) else {
            return XCTFail("\(text) was not parsed", file: file, line: line)
        }
        XCTAssertEqual(parsed.bitPattern, expected.bitPattern, "\(text): got \(parsed), strtod gives \(expected)", file: file, line: line)
    }

    func testEdgeCasesMatchStrtod() {
        let cases = [
            "141.34232694", "43.06681584", "-0.0", "-0", "0", "0.0", "1e-7", "1E+3", "1e3", "1.5E-3",
            "123456789012345678901234", "0.1", "0.2", "0.3", "-122.99984824", "24.4725646", "123.0",
            "9007199254740992", "9007199254740993", "9007199254740991", "18446744073709551615",
            "18446744073709551616", "1234567890123456789", "12345678901234567890",
            "0.000000000000000000000000000001", "1e22", "1e23", "1e-22", "1e-23", "9.999999999999999e22",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "5e-324", "2e-324",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
            "1e-400", "0e999999999999", "1e0000000000000000000000001", "-1.5e-10",
            "3.141592653589793238462643383279", "0.30000000000000004", "8.98846567431158e307",
            "7.2057594037927933e16", "1448997445238699", "4503599627370497.5", "179769313486231570000",
        ]
        for text in cases {
            assertMatchesStrtod(text)
        }
    }

    func testRandomDecimalTextMatchesStrtod() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<200_000 {
            var text = generator.next() % 2 == 0 ? "-" : ""
            let integerDigits = Int(generator.next() % 24) + 1
            text += generator.next() % 5 == 0 ? "0" : digits(integerDigits, &generator, leadingNonZero: true)
            if generator.next() % 3 != 0 {
                text += "." + digits(Int(generator.next() % 24) + 1, &generator, leadingNonZero: false)
            }
            if generator.next() % 3 == 0 {
                text += generator.next() % 2 == 0 ? "e" : "E"
                text += ["", "+", "-"][Int(generator.next() % 3)]
                text += String(generator.next() % 340)
            }
            assertMatchesStrtod(text)
        }
    }

    func testRandomDoublesAndCoordinatesMatchStrtod() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<100_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            assertMatchesStrtod("\(value)")
            let longitude = Double(generator.next() % 360_000_000_000) / 1e9 - 180
            assertMatchesStrtod(String(format: "%.8f", longitude))
            assertMatchesStrtod(String(format: "%.17g", longitude))
        }
    }

    func testRejectsTextThatIsNotOneJSONNumber() {
        for text in ["", "-", "+1", "1.", ".5", "01", "-01", "1e", "1e+", "--1", "0x10", "1.5e3.2", "1 ", "NaN", "Infinity", "1,5"] {
            XCTAssertNil(DecimalNumber.parse(text), text)
        }
    }

    private func digits(_ count: Int, _ generator: inout SplitMix64, leadingNonZero: Bool) -> String {
        var text = ""
        for i in 0..<count {
            let digit = i == 0 && leadingNonZero ? 1 + generator.next() % 9 : generator.next() % 10
            text += String(digit)
        }
        return text
    }
}
