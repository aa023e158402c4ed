/// Hash tables for the coverage union's hot loop. Swift's `Dictionary` hashes with a per-process
/// random seed (SipHash): slower here, and its iteration order changes from run to run, which
/// would make output order depend on the process. These use a fixed multiplicative mixer and
/// linear probing, so they are fast and iterate the same way every time.

@inline(__always)
private func mix(_ x: UInt64) -> UInt64 {
    // The finaliser of MurmurHash3 (public domain): spreads every input bit over the word.
    var h = x
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h &*= 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
}

/// Interns coordinates (exact doubles; -0.0 folded into 0.0) as dense ids 0, 1, 2, …
/// One slot holds key and id together, so a probe costs one cache miss.
struct CoordinateInterner {
    private struct Slot {
        var x: UInt64
        var y: UInt64
        var id: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var coordinates: [Coordinate] = []

    /// Tables grow past this load; linear probing stays short below it.
    private static let maximumLoad = 0.7

    init(expected: Int) {
        slots = Self.emptySlots(for: expected)
        mask = slots.count - 1
        coordinates.reserveCapacity(expected)
    }

    private static func emptySlots(for expected: Int) -> [Slot] {
        var capacity = 16
        while Double(capacity) * maximumLoad < Double(expected) { capacity <<= 1 }
        return [Slot](repeating: Slot(x: 0, y: 0, id: -1), count: capacity)
    }

    var count: Int { coordinates.count }

    @inline(__always)
    private static func hash(_ x: UInt64, _ y: UInt64) -> UInt64 {
        mix(x ^ (y &* 0x9e37_79b9_7f4a_7c15))
    }

    /// Which of `shards` tables a coordinate belongs to (the top bits of its hash, independent of
    /// the low bits that pick its slot).
    static func shard(ofHash hash: UInt64, shards: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 58) % shards
    }

    /// The bit patterns and hash a coordinate is looked up by (-0.0 folded into 0.0).
    @inline(__always)
    static func key(_ c: Coordinate) -> (x: UInt64, y: UInt64, hash: UInt64) {
        let x = (c.x + 0.0).bitPattern, y = (c.y + 0.0).bitPattern
        return (x, y, hash(x, y))
    }

    /// Reads the slot a key hashes to, so that a batch of lookups waits for memory in parallel
    /// rather than one after another (the tables are far larger than the caches).
    @inline(__always)
    func touch(_ hash: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & mask].x }
    }

    mutating func id(_ c: Coordinate) -> Int32 {
        let key = Self.key(c)
        return id(x: key.x, y: key.y, hash: key.hash)
    }

    mutating func id(x: UInt64, y: UInt64, hash: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { table in
            while true {
                let s = table[slot]
                if s.id < 0 { return nil }
                if s.x == x && s.y == y { return s.id }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let id = Int32(coordinates.count)
        slots[slot] = Slot(x: x, y: y, id: id)
        coordinates.append(Coordinate(x: Double(bitPattern: x), y: Double(bitPattern: y)))
        if Double(coordinates.count) > Double(slots.count) * Self.maximumLoad { grow() }
        return id
    }

    private mutating func grow() {
        let old = slots
        slots = Self.emptySlots(for: old.count)
        mask = slots.count - 1
        for s in old where s.id >= 0 {
            var slot = Int(truncatingIfNeeded: Self.hash(s.x, s.y)) & mask
            while slots[slot].id >= 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }
}

/// The faces on both sides of each undirected edge (vertex ids low < high): the face left of
/// low → high and the face left of high → low, −1 while unclaimed. A side claimed twice is a
/// conflict: two faces overlap there. One slot holds key and both sides (one cache miss).
struct EdgeSides {
    private struct Slot {
        var key: UInt64
        var forward: Int32
        var backward: Int32
    }

    private var slots: [Slot]
    private var used: Int = 0
    private var mask: Int
    private(set) var conflicts: [(Int32, Int32, Int32)] = []  // (face, face, vertex)

    /// Edges stored.
    var count: Int { used }
    private static let empty = UInt64.max
    private static let maximumLoad = 0.7

    init(expected: Int) {
        slots = Self.emptySlots(for: expected)
        mask = slots.count - 1
    }

    private static func emptySlots(for expected: Int) -> [Slot] {
        var capacity = 16
        while Double(capacity) * maximumLoad < Double(expected) { capacity <<= 1 }
        return [Slot](repeating: Slot(key: empty, forward: -1, backward: -1), count: capacity)
    }

    @inline(__always)
    private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        let (low, high) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(low)) << 32 | UInt64(UInt32(high))
    }

    /// The hash of the edge between a and b (either direction).
    @inline(__always)
    static func hash(_ a: Int32, _ b: Int32) -> UInt64 { mix(key(a, b)) }

    /// Which of `shards` tables an edge with this hash belongs to.
    static func shard(ofHash hash: UInt64, shards: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 58) % shards
    }

    /// Reads the slot a hash points at (see `CoordinateInterner.touch`).
    @inline(__always)
    func touch(_ hash: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & mask].key }
    }

    /// Records that `face` lies left of the edge traversed from → to.
    mutating func add(from: Int32, to: Int32, face: Int32, hash: UInt64) {
        let key = Self.key(from, to)
        var slot = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeBufferPointer { table in
            while table[slot].key != key && table[slot].key != Self.empty { slot = (slot + 1) & mask }
        }
        if slots[slot].key == Self.empty {
            slots[slot].key = key
            used += 1
        }
        if from < to {
            let existing = slots[slot].forward
            if existing >= 0 { conflicts.append((existing, face, from)) } else { slots[slot].forward = face }
        } else {
            let existing = slots[slot].backward
            if existing >= 0 { conflicts.append((existing, face, from)) } else { slots[slot].backward = face }
        }
        if Double(used) > Double(slots.count) * Self.maximumLoad { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Self.emptySlots(for: old.count)
        mask = slots.count - 1
        for s in old where s.key != Self.empty {
            var slot = Int(truncatingIfNeeded: mix(s.key)) & mask
            while slots[slot].key != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }

    /// Every edge as (low, high, face left of low → high, face left of high → low), in the
    /// table's fixed order.
    func forEach(_ body: (Int32, Int32, Int32, Int32) -> Void) {
        for s in slots where s.key != Self.empty {
            body(Int32(truncatingIfNeeded: s.key >> 32), Int32(truncatingIfNeeded: s.key & 0xFFFF_FFFF), s.forward, s.backward)
        }
    }
}
