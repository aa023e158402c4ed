import Foundation
import GeoCore

/// Validates units while the files are still being read. N03 files list the parts of a code
/// together, so when the code changes the previous unit is most likely complete: it is handed
/// to a worker thread, which validates it on the second core while the first keeps parsing.
/// A unit that turns out to get more parts later is simply validated again at the end, so the
/// result never depends on the input's order.
final class ValidationPipeline: @unchecked Sendable {
    private struct Job {
        var key: String
        var polygons: [Polygon]
    }

    // Guarded by `lock`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var nextJob = 0
    private var results: [String: (parts: Int, result: Result<RepairedGeometry, any Error>)] = [:]
    private var closed = false
    private let workAvailable = DispatchSemaphore(value: 0)
    private let workerDone = DispatchSemaphore(value: 0)

    init() {
        Thread.detachNewThread { [self] in worker() }
    }

    /// Queues a unit that is probably complete.
    func submit(key: String, polygons: [Polygon]) {
        lock.withLock { pending.append(Job(key: key, polygons: polygons)) }
        workAvailable.signal()
    }

    /// Every unit validated (and repaired where needed), in the order given: the queued work is
    /// finished by both cores, and units the worker did not see complete are done here.
    func finish(_ units: [SourceUnit]) throws -> [RepairedGeometry] {
        lock.withLock { closed = true }
        workAvailable.signal()
        while let job = take() { record(job) }
        workerDone.wait()
        let known = lock.withLock { results }
        let missing = units.filter { known[$0.key]?.parts != $0.polygons.count }
        let late = try missing.concurrentMap { try UnitGeometryRepair.validate($0.polygons, context: GEOSContext()) }
        let lateByKey = Dictionary(uniqueKeysWithValues: zip(missing.map(\.key), late))
        return try units.map { unit in
            if let result = lateByKey[unit.key] { return result }
            return try known[unit.key]!.result.get()
        }
    }

    private func take() -> Job? {
        lock.withLock {
            guard nextJob < pending.count else { return nil }
            defer {
                pending[nextJob].polygons = []  // free the copy once taken
                nextJob += 1
            }
            return pending[nextJob]
        }
    }

    private func record(_ job: Job) {
        let result = Result { try UnitGeometryRepair.validate(job.polygons, context: GEOSContext()) }
        lock.withLock { results[job.key] = (job.polygons.count, result) }
    }

    private func worker() {
        while true {
            if let job = take() {
                record(job)
                continue
            }
            if lock.withLock({ closed }) { break }
            workAvailable.wait()
        }
        workerDone.signal()
    }
}
