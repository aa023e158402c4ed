/// Column positions of a CSV file by header name, so readers do not depend on column order and a
/// missing column is reported once, up front.
public struct CSVColumns: Sendable {
    /// The header as read.
    public let names: [String]
    private let indexByName: [String: Int]
    private let sourceName: String

    /// - Parameters:
    ///   - header: the first record of the file.
    ///   - required: columns that must be present.
    ///   - sourceName: the file, for error messages.
    /// - Throws: `DataFileError` (line 1) naming the missing columns and the header found.
    public init(header: [String], required: [String], sourceName: String) throws {
        names = header
        var indexByName: [String: Int] = [:]
        for (index, name) in header.enumerated() where indexByName[name] == nil {
            indexByName[name] = index
        }
        self.indexByName = indexByName
        self.sourceName = sourceName
        let missing = required.filter { indexByName[$0] == nil }
        if !missing.isEmpty {
            throw DataFileError(
                source: sourceName, line: 1,
                reason: "missing column(s) \(missing.joined(separator: ", ")) (header is \(header.joined(separator: ",")))")
        }
    }

    /// The position of `name`, or nil when the header has no such column.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The value of column `name` in `record`.
    /// - Throws: `DataFileError` when the column is unknown or the record is too short for it.
    public func value(_ name: String, in record: [String], line: Int) throws -> String {
        guard let index = indexByName[name] else {
            throw DataFileError(source: sourceName, line: line, reason: "no column \(name)")
        }
        guard index < record.count else {
            throw DataFileError(
                source: sourceName, line: line,
                reason: "has \(record.count) field(s), column \(name) is field \(index + 1)")
        }
        return record[index]
    }
}
