/// Failures reported by the GEOS library itself (as opposed to invalid input data, which the
/// importer reports as domain errors).
public enum GEOSError: Error, CustomStringConvertible, Sendable {
    /// A GEOS call returned its exception sentinel; `messages` are what GEOS's error handler said.
    case libraryError(operation: String, messages: [String])
    /// GEOS handed back a geometry type this binding does not convert.
    case unsupportedGeometryType(Int32)
    /// A value could not be turned into a GEOS geometry (e.g. a ring with fewer than 4 positions).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .libraryError(let operation, let messages):
            let detail = messages.isEmpty ? "no message" : messages.joined(separator: "; ")
            return "GEOS \(operation) failed: \(detail)"
        case .unsupportedGeometryType(let id):
            return "GEOS returned unsupported geometry type id \(id)"
        case .invalidInput(let reason):
            return "cannot build GEOS geometry: \(reason)"
        }
    }
}
