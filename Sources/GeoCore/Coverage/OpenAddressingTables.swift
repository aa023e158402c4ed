/// Hash tables for the coverage union's hot loop. Swift's `Dictionary` hashes with a per-process
/// random seed (SipHash): slower here, and its iteration order changes from run to run, which
/// would make output order depend on the process. These use a fixed multiplicative mixer and
/// linear probing, so they are fast and iterate the same way every time.


/// Interns coordinates (exact doubles; -0.0 folded into 0.0) as dense ids 0, 1, 2, …
/// A slot is 8 bytes — 32 bits of the hash and the id — so the table stays small (fewer cache
/// misses and page faults); a tag match is confirmed against the stored coordinate.
struct CoordinateInterner {
    private var slots: LargeBuffer<UInt64>  // tag << 32 | (id + 1); 0 is empty
    private var mask: Int
    private(set) var coordinates: [Coordinate] = []

    /// Tables grow past this load; linear probing stays short below it.
    private static let maximumLoad = 0.7

    init(expected: Int) {
        slots = Self.emptySlots(for: expected)
        mask = slots.count - 1
        coordinates.reserveCapacity(expected)
    }

    private static func emptySlots(for expected: Int) -> LargeBuffer<UInt64> {
        var capacity = 16
        while Double(capacity) * maximumLoad < Double(expected) { capacity <<= 1 }
        return LargeBuffer(count: capacity, repeating: 0)
    }

    var count: Int { coordinates.count }

    @inline(__always)
    private static func hash(_ x: UInt64, _ y: UInt64) -> UInt64 {
        mixHash(x ^ (y &* 0x9e37_79b9_7f4a_7c15))
    }

    /// Which of `shards` tables a coordinate belongs to (the top bits of its hash, independent of
    /// the bits that pick its slot and make its tag).
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
        slots[Int(truncatingIfNeeded: hash) & mask]
    }

    mutating func id(_ c: Coordinate) -> Int32 {
        let key = Self.key(c)
        return id(x: key.x, y: key.y, hash: key.hash)
    }

    mutating func id(x: UInt64, y: UInt64, hash: UInt64) -> Int32 {
        let tag = (hash >> 26) & 0xFFFF_FFFF
        var slot = Int(truncatingIfNeeded: hash) & mask
        let table = slots.pointer
        let found: Int32? = coordinates.withUnsafeBufferPointer { stored in
            while true {
                let s = table[slot]
                if s == 0 { return nil }
                if s >> 32 == tag {
                    let id = Int(s & 0xFFFF_FFFF) - 1
                    let c = stored[id]
                    if c.x.bitPattern == x && c.y.bitPattern == y { return Int32(id) }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let id = Int32(coordinates.count)
        slots[slot] = tag << 32 | UInt64(id + 1)
        coordinates.append(Coordinate(x: Double(bitPattern: x), y: Double(bitPattern: y)))
        if Double(coordinates.count) > Double(slots.count) * Self.maximumLoad { grow() }
        return id
    }

    private mutating func grow() {
        slots = Self.emptySlots(for: slots.count)
        mask = slots.count - 1
        for (id, c) in coordinates.enumerated() {
            let hash = Self.hash(c.x.bitPattern, c.y.bitPattern)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = ((hash >> 26) & 0xFFFF_FFFF) << 32 | UInt64(id + 1)
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

    private var slots: LargeBuffer<Slot>
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

    private static func emptySlots(for expected: Int) -> LargeBuffer<Slot> {
        var capacity = 16
        while Double(capacity) * maximumLoad < Double(expected) { capacity <<= 1 }
        return LargeBuffer(count: capacity, repeating: Slot(key: empty, forward: -1, backward: -1))
    }

    @inline(__always)
    private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        let (low, high) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(low)) << 32 | UInt64(UInt32(high))
    }

    /// The hash of the edge between a and b (either direction).
    @inline(__always)
    static func hash(_ a: Int32, _ b: Int32) -> UInt64 { mixHash(key(a, b)) }

    /// Which of `shards` tables an edge with this hash belongs to.
    static func shard(ofHash hash: UInt64, shards: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 58) % shards
    }

    /// Reads the slot a hash points at (see `CoordinateInterner.touch`).
    @inline(__always)
    func touch(_ hash: UInt64) -> UInt64 {
        slots[Int(truncatingIfNeeded: hash) & mask].key
    }

    /// Records that `face` lies left of the edge traversed from → to.
    mutating func add(from: Int32, to: Int32, face: Int32, hash: UInt64) {
        let key = Self.key(from, to)
        var slot = Int(truncatingIfNeeded: hash) & mask
        let table = slots.pointer
        while table[slot].key != key && table[slot].key != Self.empty { slot = (slot + 1) & mask }
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
        for s in old.pointer where s.key != Self.empty {
            var slot = Int(truncatingIfNeeded: mixHash(s.key)) & mask
            while slots[slot].key != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }

    /// Every edge as (low, high, face left of low → high, face left of high → low), in the
    /// table's fixed order.
    func forEach(_ body: (Int32, Int32, Int32, Int32) -> Void) {
        for s in slots.pointer where s.key != Self.empty {
            body(Int32(truncatingIfNeeded: s.key >> 32), Int32(truncatingIfNeeded: s.key & 0xFFFF_FFFF), s.forward, s.backward)
        }
    }
}
