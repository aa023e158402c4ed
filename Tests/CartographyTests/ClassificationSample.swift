import Foundation

/// The pseudo-random lognormal sample the mapclassify expectations were computed on, generated
/// exactly as `Scripts/bench_peer/classify_peer.py --sample N --seed S` does: a 64-bit LCG
/// (Knuth's MMIX constants), a normal deviate as the sum of 12 uniforms minus 6, exp(2z)
/// approximated by (1 + 2z/1024)^1024 with ten squarings (plain IEEE arithmetic, no libm call,
/// so Swift and Python agree to the bit), times 1e9 and floored (yen-like magnitudes); every
/// 10th value repeats an earlier one, so the sample has ties.
enum ClassificationSample {
    static func values(count: Int, seed: UInt64) -> [Double] {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
        var values: [Double] = []
        values.reserveCapacity(count)
        for i in 0..<count {
            var z = 0.0
            for _ in 0..<12 { z += uniform() }
            z -= 6.0
            var e = 1.0 + 2.0 * z / 1024.0
            for _ in 0..<10 { e = e * e }
            let value = (1e9 * e).rounded(.down)
            values.append(i % 10 == 9 ? values[i / 2] : value)
        }
        return values
    }
}
