import Foundation

/// Numbers as SVG attributes write them: fixed decimals, trailing zeros and a lone "-0"
/// dropped, so the same value always gives the same text ("12.5", "3", "-0.4").
public enum SVGNumber {
    public static func text(_ value: Double, decimals: Int = 1) -> String {
        let scale = pow(10, Double(decimals))
        var rounded = (value * scale).rounded() / scale
        if rounded == 0 { rounded = 0 }  // no "-0"
        var text = String(format: "%.\(decimals)f", rounded)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
