import Foundation

/// Writes CSV records as RFC 4180 says: a field is quoted when it holds a delimiter, a quote or a
/// line break, and quotes inside are doubled. Records end with LF.
public enum CSVWriter {
    public static func record(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        appendRecord(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `record(fields)`'s UTF-8 bytes to `out`, without making the string (for outputs
    /// of millions of rows).
    public static func appendRecord(_ fields: [String], to out: inout [UInt8]) {
        for (index, value) in fields.enumerated() {
            if index > 0 { out.append(0x2C) }
            var value = value
            value.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(0x22)
                for byte in bytes {
                    if byte == 0x22 { out.append(0x22) }
                    out.append(byte)
                }
                out.append(0x22)
            }
        }
        out.append(0x0A)
    }
}
