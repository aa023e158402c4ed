/// Suggestions for a name the user mistyped (an edition, a bureau, a code): the known names
/// closest by edit distance, for error messages such as "no edition 'v2' (editions: v1, …)".
public enum ClosestNames {
    /// Up to `limit` of `candidates`, closest to `name` first (Levenshtein distance over Unicode
    /// characters, case-insensitive; ties keep the candidates' order).
    public static func closest(to name: String, in candidates: [String], limit: Int = 5) -> [String] {
        let target = Array(name.lowercased())
        let ranked = candidates.enumerated().map { (offset, candidate) in
            (distance: distance(target, Array(candidate.lowercased())), offset: offset, candidate: candidate)
        }
        return ranked.sorted { ($0.distance, $0.offset) < ($1.distance, $1.offset) }.prefix(limit).map(\.candidate)
    }

    /// Levenshtein distance with two rows.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
