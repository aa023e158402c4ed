import ArgumentParser
import QueryOutput

extension QueryFormat: ExpressibleByArgument {}

extension QueryTable {
    /// Prints the table in `format` to standard output (and, for table and CSV, the edition and
    /// credits to standard error).
    func print(_ format: QueryFormat) {
        Swift.print(render(format), terminator: format == .table ? "\n" : "")
        if format == .table || format == .csv {
            let edition = Self.cell(metadata["edition"] ?? .null)
            let note = metadata["edition_note"].map { " (\(Self.cell($0)))" } ?? ""
            standardError.write("edition \(edition)\(note); \(Self.cell(metadata["attribution"] ?? .null))")
        }
    }
}
