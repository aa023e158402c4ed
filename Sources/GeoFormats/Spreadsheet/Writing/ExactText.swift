import Foundation

/// A String that equals another only when their UTF-8 bytes are the same. Swift's String
/// equality is canonical equivalence (precomposed "é" equals "e" + U+0301), so a table keyed by
/// String would write one spelling for both; it also hashes through Unicode normalisation, which
/// was the writer's largest cost after deflating.
struct ExactText: Hashable {
    let text: String

    static func == (lhs: Self, rhs: Self) -> Bool {
        let left = lhs.text.utf8
        let right = rhs.text.utf8
        guard left.count == right.count else { return false }
        let compared = left.withContiguousStorageIfAvailable { leftBytes in
            right.withContiguousStorageIfAvailable { rightBytes in
                leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0
            }
        }
        return (compared ?? nil) ?? left.elementsEqual(right)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
        hasher.combine(text.utf8.count)
    }
}
