import Foundation

/// Reads the town points CSV (`code5,pref,city,town,koaza,lat,lng`, UTF-8, machine-written
/// without quoted fields) and checks every line, failing on the first bad one with its file, line
/// and reason: a wrong header or field count, a quote, invalid UTF-8, a code that is not 5 digits,
/// an empty name, a coordinate that is not a number in range or given without the other, or a code
/// named differently on two lines.
public enum TownPointsReader {
    public static let header = "code5,pref,city,town,koaza,lat,lng"

    /// The rows of the file at `url`.
    /// - Throws: `TownPointsFileError` for the first malformed line; the file system's error when
    ///   the file cannot be read.
    public static func read(contentsOf url: URL) throws -> [TownRecord] {
        try parse(Data(contentsOf: url), file: url.lastPathComponent)
    }

    /// The rows of `data`, the content of a town points file named `file` (for messages).
    /// - Throws: `TownPointsFileError` for the first malformed line.
    public static func parse(_ data: Data, file: String) throws -> [TownRecord] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            // Validated whole (fast), so that fields can be decoded without checks; only a file
            // that fails is validated line by line, to name the line.
            if String(validating: bytes, as: UTF8.self) == nil {
                throw TownPointsFileError(file: file, line: firstInvalidLine(in: bytes), reason: "not valid UTF-8")
            }
            var parser = LineParser(file: file)
            var points: [TownRecord] = []
            points.reserveCapacity(bytes.count / 60)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count {
                let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                lineNumber += 1
                var line = bytes[lineStart..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if lineNumber == 1 {
                    try parser.checkHeader(line)
                } else {
                    points.append(try parser.point(line, number: lineNumber))
                }
                lineStart = newline + 1
            }
            if lineNumber == 0 { throw TownPointsFileError(file: file, line: 1, reason: "the file is empty (expected the header \(header))") }
            return points
        }
    }

    /// The number of the first line of `bytes` that is not valid UTF-8.
    private static func firstInvalidLine(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if String(validating: line, as: UTF8.self) == nil { return number }
        }
        return number
    }
}

/// The checks of one file's lines, and what they remember between lines.
private struct LineParser {
    let file: String
    /// The (prefecture, city) of each code seen, to catch a code named differently on two lines.
    private var namesOfCode: [String: (prefecture: String, city: String, line: Int)] = [:]

    init(file: String) {
        self.file = file
    }

    func checkHeader(_ line: Slice<UnsafeBufferPointer<UInt8>>) throws {
        let text = String(decoding: line, as: UTF8.self)
        guard text == TownPointsReader.header || text == "\u{FEFF}" + TownPointsReader.header else {
            throw error(1, "the header is \"\(text)\", expected \"\(TownPointsReader.header)\"")
        }
    }

    mutating func point(_ line: Slice<UnsafeBufferPointer<UInt8>>, number: Int) throws -> TownRecord {
        guard !line.isEmpty else { throw error(number, "empty line") }
        var fields: [String] = []
        fields.reserveCapacity(7)
        var fieldStart = line.startIndex
        for offset in line.indices where line[offset] == UInt8(ascii: ",") || line[offset] == UInt8(ascii: "\"") {
            guard line[offset] == UInt8(ascii: ",") else {
                throw error(number, "a quote: the file is read as written without quoted fields")
            }
            fields.append(field(line[fieldStart..<offset]))
            fieldStart = offset + 1
        }
        fields.append(field(line[fieldStart...]))
        guard fields.count == 7 else { throw error(number, "\(fields.count) fields, expected 7 (\(TownPointsReader.header))") }
        let code5 = fields[0], prefecture = fields[1], city = fields[2], town = fields[3]
        guard code5.utf8.count == 5, code5.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw error(number, "code5 \"\(code5)\" is not 5 digits")
        }
        for (column, value) in [("pref", prefecture), ("city", city), ("town", town)] where value.isEmpty {
            throw error(number, "\(column) is empty")
        }
        if let known = namesOfCode[code5] {
            guard known.prefecture.utf8.elementsEqual(prefecture.utf8), known.city.utf8.elementsEqual(city.utf8) else {
                throw error(number, "code \(code5) is \(prefecture)\(city) here but \(known.prefecture)\(known.city) on line \(known.line)")
            }
        } else {
            namesOfCode[code5] = (prefecture, city, number)
        }
        let (latitude, longitude) = try coordinates(fields[5], fields[6], line: number)
        return TownRecord(code5: code5, prefecture: prefecture, city: city, town: town, koaza: fields[4],
                         latitude: latitude, longitude: longitude)
    }

    /// A field's text (the file has been validated as UTF-8 as a whole).
    private func field(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    /// Both empty (no point), or both numbers in range.
    private func coordinates(_ lat: String, _ lng: String, line: Int) throws -> (Double?, Double?) {
        if lat.isEmpty, lng.isEmpty { return (nil, nil) }
        guard !lat.isEmpty, !lng.isEmpty else { throw error(line, "lat and lng must be both given or both empty") }
        guard let latitude = Double(lat), (-90...90).contains(latitude) else {
            throw error(line, "lat \"\(lat)\" is not a latitude in degrees")
        }
        guard let longitude = Double(lng), (-180...180).contains(longitude) else {
            throw error(line, "lng \"\(lng)\" is not a longitude in degrees")
        }
        return (latitude, longitude)
    }

    private func error(_ line: Int, _ reason: String) -> TownPointsFileError {
        TownPointsFileError(file: file, line: line, reason: reason)
    }
}
