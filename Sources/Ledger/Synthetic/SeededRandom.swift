import Foundation

/// A seedable pseudo-random generator: xoshiro256** (Blackman & Vigna, 2018) seeded through
/// SplitMix64, so that one 64-bit seed gives one fixed stream on every platform and every Swift
/// version.
///
/// Why by hand: Swift's `SystemRandomNumberGenerator` cannot be seeded, and the standard library's
/// `random(in:using:)` helpers do not promise the same mapping from generator bits to values
/// across releases; the synthetic ledger promises byte-identical output for a seed, so both the
/// generator and the mapping to doubles and integers are written here (a few lines, no package
/// offers them without more than we need).
struct SeededRandom {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64

    /// A generator for stream `stream` of `seed`: distinct streams of one seed are independent, so
    /// row i of a ledger depends only on (seed, i), not on how many rows are made.
    init(seed: UInt64, stream: UInt64 = 0) {
        var splitMix = Self.splitMix64(seed) &+ stream &* 0xD1B5_4A32_D192_ED03
        state0 = Self.nextSplitMix(&splitMix)
        state1 = Self.nextSplitMix(&splitMix)
        state2 = Self.nextSplitMix(&splitMix)
        state3 = Self.nextSplitMix(&splitMix)
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state1 &* 5, by: 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = Self.rotateLeft(state3, by: 45)
        return result
    }

    /// Uniform in [0, 1), with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in 0..<bound (bound > 0), without modulo bias (Lemire's multiply-and-reject).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal deviate (Box–Muller, one of the pair). Goes through the platform's `log`
    /// and `cos`, so bit-identical output is promised per platform (glibc here), not across them.
    mutating func normal() -> Double {
        let u1 = 1 - unit()  // (0, 1]: log stays finite
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An index drawn with the given cumulative weights (ascending, last = total).
    mutating func pick(cumulative: [Double]) -> Int {
        let target = unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// One element of `items`, uniformly.
    mutating func element<T>(of items: [T]) -> T {
        items[below(items.count)]
    }

    private static func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func nextSplitMix(_ state: inout UInt64) -> UInt64 {
        let value = splitMix64(state)
        state &+= 0x9E37_79B9_7F4A_7C15
        return value
    }
}

