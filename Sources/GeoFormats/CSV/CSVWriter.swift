import Foundation

/// Writes CSV records as RFC 4180 says: a field is quoted when it holds a delimiter, a quote or a
/// line break, and quotes inside are doubled. Records end with LF.
public enum CSVWriter {
    public static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
