/// A min-heap (4-ary) of items 0..<capacity keyed by a Double, ties broken by the smaller item
/// (so the order, and the simplification, never depends on anything but the input), with the
/// position of every item tracked so a key can be changed or an item removed in O(log n).
///
/// Written here rather than taken from swift-collections: its `Heap` has no way to change or
/// remove an arbitrary element, so Visvalingam–Whyatt would have to push a new entry on every
/// neighbour update and skip stale ones — a heap that grows with the updates — and the package
/// would be a new dependency of the geometry core for sixty lines. A class because it owns its
/// buffers, reused from one arc to the next without reallocating.
final class IndexedMinHeap {
    /// A heap slot: the key is stored beside its item so sifting reads one array, in order.
    private struct Entry {
        var key: Double
        var item: Int32
    }

    /// Four children per node: half the depth of a binary heap, and a node's children share one
    /// 64-byte cache line, which is what a pop waits for.
    private static let arityShift = 2
    private static let arity = 1 << arityShift

    private let entries: UnsafeMutablePointer<Entry>
    private let storage: UnsafeMutableRawPointer
    /// Slot of each item in `entries`, −1 when absent.
    private let slot: UnsafeMutablePointer<Int32>
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        // Shifted by three entries in 64-byte-aligned storage, so that each group of siblings
        // (slots 4k+1 … 4k+4) starts a cache line.
        storage = .allocate(byteCount: (self.capacity + 3) * MemoryLayout<Entry>.stride, alignment: 64)
        entries = (storage + 3 * MemoryLayout<Entry>.stride).bindMemory(to: Entry.self, capacity: self.capacity)
        slot = .allocate(capacity: self.capacity)
        slot.initialize(repeating: -1, count: self.capacity)
    }

    deinit {
        storage.deallocate()
        slot.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    func contains(_ item: Int) -> Bool { slot[item] >= 0 }

    /// The smallest item and its key, without removing it.
    var minimum: (item: Int, key: Double)? {
        count == 0 ? nil : (Int(entries[0].item), entries[0].key)
    }

    /// Inserts `item` with `key`, or moves it to `key` if present.
    func set(_ item: Int, key: Double) {
        let s = Int(slot[item])
        if s < 0 {
            count += 1
            siftUp(Entry(key: key, item: Int32(item)), from: count - 1)
        } else if key < entries[s].key {
            siftUp(Entry(key: key, item: Int32(item)), from: s)
        } else {
            siftDown(Entry(key: key, item: Int32(item)), from: s)
        }
    }

    /// Removes `item` if present.
    func remove(_ item: Int) {
        let s = Int(slot[item])
        guard s >= 0 else { return }
        slot[item] = -1
        count -= 1
        guard s != count else { return }
        // The last entry fills the hole, moving whichever way its key says.
        let last = entries[count]
        if s > 0 && Self.less(last, entries[(s - 1) >> Self.arityShift]) {
            siftUp(last, from: s)
        } else {
            siftDown(last, from: s)
        }
    }

    /// Removes and returns the smallest item.
    func popMinimum() -> Int? {
        guard count > 0 else { return nil }
        let top = Int(entries[0].item)
        remove(top)
        return top
    }

    /// Empties the heap (O(count)).
    func removeAll() {
        for s in 0..<count { slot[Int(entries[s].item)] = -1 }
        count = 0
    }

    @inline(__always)
    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.key < b.key || (a.key == b.key && a.item < b.item)
    }

    /// Places `entry` at slot `start` or above, moving larger parents down.
    private func siftUp(_ entry: Entry, from start: Int) {
        var s = start
        while s > 0 {
            let parent = (s - 1) >> Self.arityShift
            let p = entries[parent]
            guard Self.less(entry, p) else { break }
            entries[s] = p
            slot[Int(p.item)] = Int32(s)
            s = parent
        }
        entries[s] = entry
        slot[Int(entry.item)] = Int32(s)
    }

    /// Places `entry` at slot `start` or below, moving smaller children up.
    private func siftDown(_ entry: Entry, from start: Int) {
        var s = start
        let n = count
        while true {
            let first = (s << Self.arityShift) + 1
            if first >= n { break }
            var child = first
            var smallest = entries[first]
            for c in (first + 1)..<min(first + Self.arity, n) where Self.less(entries[c], smallest) {
                child = c
                smallest = entries[c]
            }
            guard Self.less(smallest, entry) else { break }
            entries[s] = smallest
            slot[Int(smallest.item)] = Int32(s)
            s = child
        }
        entries[s] = entry
        slot[Int(entry.item)] = Int32(s)
    }
}
