import Foundation
import GRDB
import GRDBSQLite

/// Runs a prepared statement, binding the values and reading the rows through SQLite's C API.
///
/// Why not `Statement.execute(arguments:)`: GRDB builds a `StatementArguments` for every call,
/// through generic conversions that cost more than SQLite's insert itself on a million rows
/// (perf: 12 % of a 1,000,000-row ledger import in `StatementArguments.init` and
/// `setArguments`), and reading a million rows through `Row` costs as much again. The values are
/// the same `DatabaseValue`s, bound by their storage class.
struct BoundStatement {
    let statement: Statement

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// One result row while it is current: its columns read straight from SQLite.
    struct CurrentRow {
        fileprivate let handle: OpaquePointer

        /// The column's text, nil for NULL.
        func text(_ column: Int) -> String? {
            sqlite3_column_text(handle, Int32(column)).map { String(cString: $0) }
        }

        /// The column as a number, nil for NULL.
        func double(_ column: Int) -> Double? {
            sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL ? nil : sqlite3_column_double(handle, Int32(column))
        }
    }

    /// Runs a query with `values` bound and calls `body` with every row, then resets it.
    func forEachRow(binding values: [DatabaseValue], _ body: (CurrentRow) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        for (offset, value) in values.enumerated() {
            try check(bind(value, at: Int32(offset + 1), in: handle), handle)
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code, handle) }
            try body(CurrentRow(handle: handle))
        }
    }

    /// Binds `values` to the parameters in order, steps the statement once and resets it.
    func execute(_ values: [DatabaseValue]) throws {
        let handle = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            try check(bind(value, at: Int32(offset + 1), in: handle), handle)
        }
        try step(handle)
    }

    /// `execute` for two integers (an id and a node number, a key and a value).
    func execute(_ first: Int64, _ second: Int64) throws {
        let handle = statement.sqliteStatement
        try check(sqlite3_bind_int64(handle, 1, first), handle)
        try check(sqlite3_bind_int64(handle, 2, second), handle)
        try step(handle)
    }

    private func bind(_ value: DatabaseValue, at index: Int32, in handle: OpaquePointer) -> Int32 {
        switch value.storage {
        case .null: return sqlite3_bind_null(handle, index)
        case .int64(let int): return sqlite3_bind_int64(handle, index, int)
        case .double(let double): return sqlite3_bind_double(handle, index, double)
        case .string(let string):
            // An empty text has no bytes to point at; a null pointer would bind NULL.
            if string.isEmpty { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
            var string = string
            return string.withUTF8 { text in
                text.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        case .blob(let data):
            return data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), Self.transient) }
        }
    }

    private func step(_ handle: OpaquePointer) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code, handle) }
    }

    private func check(_ code: Int32, _ handle: OpaquePointer) throws {
        guard code == SQLITE_OK else { throw error(code, handle) }
    }

    private func error(_ code: Int32, _ handle: OpaquePointer) -> DatabaseError {
        let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
