import Foundation

/// A value whose methods must not run on two threads at once (a GEOS context, a builder with
/// caches), shared by requests that take turns.
final class Serialized<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func with<Result>(_ body: (Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(value)
    }
}
