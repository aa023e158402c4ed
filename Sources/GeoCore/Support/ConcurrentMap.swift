import Dispatch

extension Array where Element: Sendable {
    /// Maps on every core, keeping the order of the input. Each call of `transform` runs on one
    /// thread, so it may make its own `GEOSContext`. The first error thrown (by input order) is
    /// rethrown after all work finished.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let slots = UncheckedSendable(results)
        let input = self
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots.value[i] = Result { try transform(input[i]) }
        }
        return try results.map { try $0!.get() }
    }
}

/// Wraps a value whose concurrent use the caller makes safe by construction (each thread
/// touches only its own slots).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
