/// A fixed-size heap buffer of plain values (no references) for the coverage grid, left
/// uninitialised: the builder writes every slot it later reads, from two threads at once, so a
/// first pass of zeros (as `Array(repeating:)` does) would only add a sweep over hundreds of MB.
/// A class, shared by reference; freed with its last reference.
final class CoverageGridBuffer<Element> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
    }

    /// A buffer with every slot set to `value`.
    convenience init(count: Int, repeating value: Element) {
        self.init(count: count)
        pointer.initialize(repeating: value, count: count)
    }

    deinit { pointer.deallocate() }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
}
