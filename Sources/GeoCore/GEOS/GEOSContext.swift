import CGEOS

/// Owns one reentrant GEOS context handle (`GEOS_init_r` … `GEOS_finish_r`) and collects the
/// messages GEOS's error handler reports, so failed calls become `GEOSError`s with GEOS's reason.
///
/// GEOS allows one context per thread at a time: a `GEOSContext` and every geometry made with it
/// must be used from one thread at a time (hence `@unchecked Sendable`: it may be handed over,
/// not shared). Contexts are cheap; make one per task or worker.
public final class GEOSContext: @unchecked Sendable {
    let handle: GEOSContextHandle_t
    private(set) var messages: [String] = []

    public init() {
        guard let handle = GEOS_init_r() else {
            // GEOS_init_r only fails when malloc fails.
            fatalError("GEOS_init_r failed: out of memory")
        }
        self.handle = handle
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.messages.append(String(cString: message))
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The error for a failed call, carrying (and clearing) the messages GEOS reported.
    func error(_ operation: String) -> GEOSError {
        defer { messages.removeAll() }
        return .libraryError(operation: operation, messages: messages)
    }

    /// The GEOS library version string, e.g. "3.11.1-CAPI-1.17.1".
    public static var libraryVersion: String { String(cString: GEOSversion()) }
}
