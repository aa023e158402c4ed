import Foundation
import GeoFormats
import Reference

/// The user's own names for ledger columns (`--map canonical=header`, repeatable, and
/// `--columns FILE`, a CSV of `canonical,header` rows): for the lists whose headers the built-in
/// table does not know. A mapped header means its column whatever the table says.
public struct LedgerColumnMap: Sendable, Hashable {
    /// The header (as `ledgerKey`) each mapped column is read from.
    public private(set) var headerByColumn: [LedgerColumn: String] = [:]
    private var columnByHeaderKey: [String: LedgerColumn] = [:]

    public init() {}

    /// Maps `column` to the header `header`.
    /// - Throws: `LedgerColumnMapError` when the column or the header was mapped otherwise already.
    public mutating func map(_ column: LedgerColumn, to header: String) throws(LedgerColumnMapError) {
        let key = header.ledgerKey
        guard !key.isEmpty else { throw LedgerColumnMapError(reason: "\(column.canonicalName)=: the header is empty") }
        if let other = headerByColumn[column], other != key {
            throw LedgerColumnMapError(reason: "\(column.canonicalName) is mapped twice ('\(other)' and '\(header)')")
        }
        if let other = columnByHeaderKey[key], other != column {
            throw LedgerColumnMapError(reason: "header '\(header)' is mapped to both \(other.canonicalName) and \(column.canonicalName)")
        }
        headerByColumn[column] = key
        columnByHeaderKey[key] = column
    }

    /// Parses one `canonical=header` argument.
    public mutating func add(argument: String) throws(LedgerColumnMapError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw LedgerColumnMapError(reason: "'\(argument)' is not canonical=header (e.g. company=申請事業者名)")
        }
        let name = argument[..<equals].trimmingCharacters(in: .whitespaces)
        try map(try Self.column(named: name), to: String(argument[argument.index(after: equals)...]))
    }

    /// Reads a `canonical,header` CSV (a header row naming those two columns, then one mapping
    /// per row).
    /// - Throws: `DataFileError` naming the file and line.
    public mutating func add(file url: URL, displayName: String) throws {
        var header: CSVColumns?
        try CSVReader.forEachRecord(inFile: url) { line, fields in
            guard let columns = header else {
                header = try CSVColumns(header: fields, required: ["canonical", "header"], sourceName: displayName)
                return
            }
            if fields.allSatisfy({ $0.ledgerTrimmed.isEmpty }) { return }
            do {
                let name = try columns.value("canonical", in: fields, line: line).ledgerTrimmed
                try map(try Self.column(named: name), to: try columns.value("header", in: fields, line: line))
            } catch let error as LedgerColumnMapError {
                throw DataFileError(source: displayName, line: line, reason: error.reason)
            }
        }
        if header == nil { throw DataFileError(source: displayName, line: nil, reason: "the file is empty (no header canonical,header)") }
    }

    /// The column a header is mapped to, if any.
    func column(forHeader header: String) -> LedgerColumn? { columnByHeaderKey[header.ledgerKey] }

    private static func column(named name: String) throws(LedgerColumnMapError) -> LedgerColumn {
        if let column = LedgerColumn(rawValue: name) { return column }
        if name == "amount_jpy" || name == "amount" { return .totalInvestment }
        let names = LedgerColumn.allCases.map(\.canonicalName)
        throw LedgerColumnMapError(
            reason: "'\(name)' is not a ledger column (closest: \(ClosestNames.closest(to: name, in: names, limit: 3).joined(separator: ", ")))")
    }
}

/// A `--map` or `--columns` entry that cannot be used.
public struct LedgerColumnMapError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
