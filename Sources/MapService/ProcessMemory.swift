#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The process's heap as glibc's allocator keeps it. Expensive answers (a gap report with its
/// polygons, a map) allocate and free hundreds of megabytes; glibc keeps freed memory in per-thread
/// arenas and gives little of it back, so without help the resident size stays at its highest
/// point for ever, far beyond what the caches hold. The service limits the arenas and hands free
/// memory back after expensive work (at most once a second).
enum ProcessMemory {
    private static let lastTrim = Mutex<ContinuousClock.Instant?>(nil)

    // <malloc.h> is not part of Swift's Glibc module: the two functions are looked up by name.
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    /// M_ARENA_MAX of <malloc.h>.
    private static let arenaMaximumParameter: Int32 = -8

    private static func function<T>(_ name: String, as type: T.Type) -> T? {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }

    /// Few arenas: the service's expensive work runs on a few threads at a time (`WorkLimiter`).
    static func limitArenas() {
        _ = function("mallopt", as: MallOpt.self)?(arenaMaximumParameter, 4)
    }

    /// Gives free heap memory back to the system, unless that was done less than a second ago.
    static func releaseFreeMemory() {
        let due = lastTrim.withLock { last -> Bool in
            let now = ContinuousClock.now
            if let last, now - last < .seconds(1) { return false }
            last = now
            return true
        }
        if due, let trim = function("malloc_trim", as: MallocTrim.self) { _ = trim(0) }
    }
}
