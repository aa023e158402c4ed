/// A fixed (unseeded) 64-bit hash mixer for the project's own hash tables, so their layout and
/// iteration order are the same in every run: the finaliser of MurmurHash3 (public domain),
/// which spreads every input bit over the word.
@inline(__always)
func mixHash(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h &*= 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
}
