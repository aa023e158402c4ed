import CGEOS

/// GEOS's packed R-tree over item indices. Insert everything, then query: the first query
/// builds the tree, after which no more items may be inserted (GEOS's rule).
public final class STRtree: @unchecked Sendable {
    public let context: GEOSContext
    private let tree: OpaquePointer
    /// The envelopes handed to GEOS are kept alive as long as the tree, which refers to them.
    private var envelopes: [GEOSGeometry] = []

    public init(context: GEOSContext, nodeCapacity: Int = 10) throws {
        guard let t = GEOSSTRtree_create_r(context.handle, nodeCapacity) else {  // NULL on exception
            throw context.error("STRtree_create")
        }
        self.context = context
        self.tree = t
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, tree)
    }

    /// Adds `item` (any non-negative integer, e.g. an array index) under `box`.
    public func insert(_ box: BoundingBox, item: Int) throws {
        precondition(item >= 0, "STRtree items are non-negative integers")
        let envelope = try Self.rectangle(box, context)
        envelopes.append(envelope)
        // GEOS stores an opaque pointer per item; an integer offset by one (never NULL) is enough.
        GEOSSTRtree_insert_r(context.handle, tree, envelope.pointer, UnsafeMutableRawPointer(bitPattern: item + 1))
    }

    /// The items whose boxes intersect `box`, in ascending order (so results are deterministic).
    public func query(_ box: BoundingBox) throws -> [Int] {
        let envelope = try Self.rectangle(box, context)
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { foundPointer in
            GEOSSTRtree_query_r(context.handle, tree, envelope.pointer, { item, userdata in
                guard let item, let userdata else { return }
                userdata.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, foundPointer)
        }
        found.sort()
        return found
    }

    private static func rectangle(_ box: BoundingBox, _ context: GEOSContext) throws -> GEOSGeometry {
        guard let g = GEOSGeom_createRectangle_r(context.handle, box.minX, box.minY, box.maxX, box.maxY) else {  // NULL on exception
            throw context.error("createRectangle")
        }
        return GEOSGeometry(context: context, owning: g)
    }
}
