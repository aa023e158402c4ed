/// Builds an SVG path's `d` attribute from rounded points (`PixelPoint`), as compactly as
/// reasonable: the first subpath starts with an absolute `M`, every later one with a relative
/// `m` from the current point; one relative `l` carries every further step and `z` closes
/// rings; numbers are written in tenths of a pixel with at most one decimal and no leading zero
/// ("-.5"), with no separator before a minus sign. Steps are exact integer differences, so
/// there is no drift along a long coastline.
public struct SVGPathData: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Where the pen is after the last subpath (a ring's start after `z`, a line's end).
    private var current: PixelPoint?
    /// Whether the last subpath is an open line, which a line starting at its end continues.
    private var lineOpen = false

    public init() {}

    public var isEmpty: Bool { bytes.isEmpty }

    /// The path data as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends a closed ring: distinct consecutive points, the closing point not repeated, at
    /// least three (shorter rings are skipped; returns whether it was written).
    @discardableResult
    public mutating func appendRing(_ points: [PixelPoint]) -> Bool {
        guard points.count >= 3 else { return false }
        appendSteps(points, count: points.count)
        bytes.append(UInt8(ascii: "z"))
        current = points[0]
        lineOpen = false
        return true
    }

    /// Appends an open line through `points` (distinct consecutive points); a line of a single
    /// point is skipped. A line that starts where the previous one ended continues it (its
    /// steps join the same `l` command: borders cut at junctions are written as runs).
    @discardableResult
    public mutating func appendLine(_ points: [PixelPoint]) -> Bool {
        guard points.count >= 2 else { return false }
        if lineOpen, current == points[0] {
            for i in 1..<points.count {
                number(points[i].x - points[i - 1].x, separated: true)
                number(points[i].y - points[i - 1].y, separated: true)
            }
        } else if lineOpen, current == points[points.count - 1] {
            // The same run walked the other way.
            for i in stride(from: points.count - 2, through: 0, by: -1) {
                number(points[i].x - points[i + 1].x, separated: true)
                number(points[i].y - points[i + 1].y, separated: true)
            }
            current = points[0]
            return true
        } else {
            appendSteps(points, count: points.count)
        }
        current = points[points.count - 1]
        lineOpen = true
        return true
    }

    private mutating func appendSteps(_ points: [PixelPoint], count: Int) {
        if let current {
            bytes.append(UInt8(ascii: "m"))
            number(points[0].x - current.x, separated: false)
            number(points[0].y - current.y, separated: true)
        } else {
            bytes.append(UInt8(ascii: "M"))
            number(points[0].x, separated: false)
            number(points[0].y, separated: true)
        }
        guard count > 1 else { return }
        bytes.append(UInt8(ascii: "l"))
        for i in 1..<count {
            number(points[i].x - points[i - 1].x, separated: i > 1)
            number(points[i].y - points[i - 1].y, separated: true)
        }
    }

    /// Writes `tenths` / 10 ("12.3", "-.5", "4"), preceded by a space when `separated` and the
    /// number does not start with a minus sign.
    private mutating func number(_ tenths: Int32, separated: Bool) {
        let negative = tenths < 0
        let magnitude = negative ? -Int64(tenths) : Int64(tenths)
        if negative {
            bytes.append(UInt8(ascii: "-"))
        } else if separated {
            bytes.append(0x20)
        }
        let whole = magnitude / 10, fraction = magnitude % 10
        if whole > 0 || fraction == 0 { appendDigits(whole) }
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction))
        }
    }

    private mutating func appendDigits(_ value: Int64) {
        if value >= 10 { appendDigits(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
