/// Sorts unsigned 64-bit keys by least-significant-digit radix sort, 11 bits a pass, only as
/// many passes as the largest key needs. The coverage code sorts millions of packed edge keys
/// (vertex ids in the high and low halves); Swift's comparison sort was a fifth of the dissolve.
public enum RadixSort {
    public static func sort(_ keys: inout [UInt64]) {
        guard keys.count > 64 else {
            keys.sort()
            return
        }
        let maxKey = keys.max()!
        let bits = 64 - maxKey.leadingZeroBitCount
        let digitBits = 11
        let buckets = 1 << digitBits
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: buckets)
        var shift = 0
        while shift < bits {
            for i in 0..<buckets { counts[i] = 0 }
            keys.withUnsafeBufferPointer { source in
                for key in source { counts[Int((key >> UInt64(shift)) & UInt64(buckets - 1))] += 1 }
            }
            var total = 0
            for i in 0..<buckets {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    for key in source {
                        let digit = Int((key >> UInt64(shift)) & UInt64(buckets - 1))
                        target[counts[digit]] = key
                        counts[digit] += 1
                    }
                }
            }
            swap(&keys, &scratch)
            shift += digitBits
        }
    }
}
