#if canImport(Glibc)
import Glibc
#endif

/// A fixed-size buffer for the big hash tables of the coverage topology, backed by 2 MiB huge
/// pages where the kernel allows (`madvise(MADV_HUGEPAGE)`): tables of hundreds of MB probed at
/// random spend much of their time in TLB misses and page faults with 4 KiB pages. Falls back
/// to ordinary pages silently. Not copyable in meaning: it is a class, shared by reference.
final class LargeBuffer<Element> {
    let pointer: UnsafeMutableBufferPointer<Element>
    private let byteCount: Int

    init(count: Int, repeating value: Element) {
        let hugePage = 2 << 20
        let bytes = max(MemoryLayout<Element>.stride * count, 1)
        let rounded = (bytes + hugePage - 1) / hugePage * hugePage
        var raw: UnsafeMutableRawPointer?
        #if canImport(Glibc)
        if posix_memalign(&raw, hugePage, rounded) == 0, let raw {
            _ = madvise(raw, rounded, MADV_HUGEPAGE)
        }
        #endif
        if raw == nil {
            raw = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: MemoryLayout<Element>.alignment)
        }
        byteCount = rounded
        let typed = raw!.bindMemory(to: Element.self, capacity: count)
        typed.initialize(repeating: value, count: count)
        pointer = UnsafeMutableBufferPointer(start: typed, count: count)
    }

    deinit {
        pointer.baseAddress!.deinitialize(count: pointer.count)
        free(UnsafeMutableRawPointer(pointer.baseAddress!))
    }

    var count: Int { pointer.count }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
}
