import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Log lines for a busy server: `2026-11-29T15:08:34Z info investmap.serve: key=value … message`,
/// keys sorted, values quoted when they hold spaces, quotes or `=` (logfmt), each line written to
/// standard error with one `write(2)`. swift-log's `StreamLogHandler` writes the same kind of line
/// but formats its time with `strftime` and flushes a locked `FILE` every line, which cost the
/// service a third of its tile throughput.
public struct LogfmtLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let fileDescriptor: Int32

    public init(label: String, fileDescriptor: Int32 = 2) {
        self.label = label
        self.fileDescriptor = fileDescriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let own = event.metadata { fields.merge(own) { $1 } }
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line += Self.timestamp()
        line.append(UInt8(ascii: " "))
        line += Array(event.level.rawValue.utf8)
        line.append(UInt8(ascii: " "))
        line += Array(label.utf8)
        line += Array(":".utf8)
        for key in fields.keys.sorted() {
            line.append(UInt8(ascii: " "))
            line += Array(key.utf8)
            line.append(UInt8(ascii: "="))
            Self.appendValue("\(fields[key]!)", to: &line)
        }
        line.append(UInt8(ascii: " "))
        Self.appendValue(event.message.description, to: &line)
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let n = write(fileDescriptor, bytes.baseAddress! + written, bytes.count - written)
                if n <= 0 { break }
                written += n
            }
        }
    }

    /// A value as it is, or quoted with `"` and `\` escaped when it needs to be; control
    /// characters become spaces (one entry, one line).
    static func appendValue(_ value: String, to line: inout [UInt8]) {
        let bytes = Array(value.utf8).map { $0 < 0x20 ? UInt8(ascii: " ") : $0 }
        let quote = bytes.isEmpty || bytes.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }
        guard quote else { line += bytes; return }
        line.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { line.append(UInt8(ascii: "\\")) }
            line.append(byte)
        }
        line.append(UInt8(ascii: "\""))
    }

    /// The current second in UTC as `2026-11-29T15:08:34Z`, made once a second.
    static func timestamp() -> [UInt8] {
        var now = time(nil)
        return lastStamp.withLock { last in
            if last.second == now { return last.text }
            var parts = tm()
            gmtime_r(&now, &parts)
            func digits(_ value: Int32, _ count: Int) -> [UInt8] {
                var text = [UInt8](repeating: UInt8(ascii: "0"), count: count), rest = Int(value)
                for i in stride(from: count - 1, through: 0, by: -1) { text[i] = UInt8(ascii: "0") + UInt8(rest % 10); rest /= 10 }
                return text
            }
            let text = digits(parts.tm_year + 1900, 4) + [UInt8(ascii: "-")] + digits(parts.tm_mon + 1, 2) + [UInt8(ascii: "-")] + digits(parts.tm_mday, 2)
                + [UInt8(ascii: "T")] + digits(parts.tm_hour, 2) + [UInt8(ascii: ":")] + digits(parts.tm_min, 2) + [UInt8(ascii: ":")]
                + digits(parts.tm_sec, 2) + [UInt8(ascii: "Z")]
            last = (now, text)
            return text
        }
    }

    private static let lastStamp = Mutex<(second: time_t, text: [UInt8])>((0, []))
}
