/// A trie of normalised names (sequences of scalars), each name carrying a list of values (the
/// indexes of what it names), with several roots so that one trie holds many independent name
/// sets (the towns of each municipality, the 小字 of each town). The edges live in one hash table
/// keyed by (node, scalar): a few hundred thousand names build in a fraction of a second and take
/// no per-node allocation.
struct PrefixTrie: Sendable {
    /// (node << 21 | scalar) → child node; a scalar fits in 21 bits.
    private var edges: [UInt64: Int32] = [:]
    /// For each node, its index in `valueLists`, or -1 when no name ends there.
    private var valueListOfNode: [Int32] = []
    private var valueLists: [[Int32]] = []

    /// Room for about `count` names of a few scalars each, so that building does not rehash.
    mutating func reserveCapacity(forNames count: Int) {
        edges.reserveCapacity(count * 4)
        valueListOfNode.reserveCapacity(count * 4)
        valueLists.reserveCapacity(count)
    }

    /// A new, empty root.
    mutating func addRoot() -> Int32 {
        addNode()
    }

    /// Adds `value` to the values of `name` under `root`.
    mutating func insert(_ name: some Sequence<Unicode.Scalar>, under root: Int32, value: Int32) {
        add(value, at: node(of: name, under: root))
    }

    /// The node where `name` ends under `root`, made if need be.
    mutating func node(of name: some Sequence<Unicode.Scalar>, under root: Int32) -> Int32 {
        var node = root
        for scalar in name {
            let key = Self.edgeKey(node, scalar)
            if let next = edges[key] {
                node = next
            } else {
                let next = addNode()
                edges[key] = next
                node = next
            }
        }
        return node
    }

    /// Adds `value` to the values of the name ending at `node`.
    mutating func add(_ value: Int32, at node: Int32) {
        if valueListOfNode[Int(node)] < 0 {
            valueListOfNode[Int(node)] = Int32(valueLists.count)
            valueLists.append([])
        }
        valueLists[Int(valueListOfNode[Int(node)])].append(value)
    }

    /// The node reached from `node` by `scalar`, if any.
    func child(of node: Int32, _ scalar: Unicode.Scalar) -> Int32? {
        edges[Self.edgeKey(node, scalar)]
    }

    /// The values of the name ending at `node` (empty when none ends there).
    func values(at node: Int32) -> [Int32] {
        let list = valueListOfNode[Int(node)]
        return list < 0 ? [] : valueLists[Int(list)]
    }

    /// Every name under `root` that `text` has at `start`, shortest first, as the offset in
    /// `text` just past it and its values.
    func prefixes(of text: [Unicode.Scalar], from start: Int, under root: Int32) -> [(end: Int, values: [Int32])] {
        var found: [(end: Int, values: [Int32])] = []
        var node = root
        var offset = start
        while offset < text.count, let next = child(of: node, text[offset]) {
            node = next
            offset += 1
            let values = values(at: node)
            if !values.isEmpty { found.append((offset, values)) }
        }
        return found
    }

    private mutating func addNode() -> Int32 {
        valueListOfNode.append(-1)
        return Int32(valueListOfNode.count - 1)
    }

    private static func edgeKey(_ node: Int32, _ scalar: Unicode.Scalar) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 21 | UInt64(scalar.value)
    }
}

extension PrefixTrie {
    /// The values of exactly `name` under `root` (empty when it is not there).
    func values(of name: some Sequence<Unicode.Scalar>, under root: Int32) -> [Int32] {
        var node = root
        for scalar in name {
            guard let next = child(of: node, scalar) else { return [] }
            node = next
        }
        return values(at: node)
    }
}
