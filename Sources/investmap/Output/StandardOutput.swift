import Foundation
import GeoFormats

/// Buffered standard output for large results (print() flushes per line when piped).
final class StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes a CSV record (`CSVWriter.record`) straight into the buffer.
    func writeRecord(_ fields: [String]) {
        CSVWriter.appendRecord(fields, to: &buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
