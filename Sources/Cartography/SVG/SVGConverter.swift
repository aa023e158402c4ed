import Foundation
import GeoFormats

/// Converts a written SVG map to PNG or PDF with rsvg-convert (librsvg2-bin), the output
/// written atomically beside it. A well-kept renderer rather than our own rasteriser.
public struct SVGConverter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case png, pdf
    }

    /// The rsvg-convert executable.
    public let executable: URL

    /// The converter when rsvg-convert is on $PATH, else nil.
    public static func installed() -> SVGConverter? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return SVGConverter(executable: candidate) }
        }
        return nil
    }

    /// Converts `svg` into `format` beside it (same name, the format's extension); returns the file.
    /// - Throws: `ExportError` naming the output when rsvg-convert fails or the file cannot be moved in place.
    @discardableResult
    public func convert(_ svg: URL, to format: Format) throws -> URL {
        let output = svg.deletingPathExtension().appendingPathExtension(format.rawValue)
        try AtomicFile.replace(output) { temporary in
            let process = Process()
            process.executableURL = executable
            process.arguments = ["--format", format.rawValue, "--output", temporary, svg.path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ExportError(path: output.path, reason: "rsvg-convert failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        return output
    }
}
