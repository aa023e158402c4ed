import Dispatch

/// Runs one piece of work on another thread from the moment it is made; `wait()` blocks until
/// it is done and returns its result (or rethrows its error). For overlapping CPU work with I/O.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before it signals `done`; read only after waiting on it.
    private var result: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    public func wait() throws -> Value {
        if result == nil {
            done.wait()
            done.signal()  // let later waiters through
        }
        return try result!.get()
    }
}
