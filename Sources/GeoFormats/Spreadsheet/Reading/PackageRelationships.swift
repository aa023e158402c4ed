/// One relationship of a package part (`_rels/*.rels`): which part it points at, and as what.
struct PackageRelationship: Sendable, Equatable {
    var id: String
    /// The relationship type URI; compared by its last segment (`worksheet`, `styles` …), which
    /// transitional and strict OOXML share.
    var type: String
    /// The target part's name in the archive (`xl/worksheets/sheet1.xml`), resolved against the
    /// source part; nil for an external target.
    var targetPart: String?

    /// True when the type's last segment is `kind`.
    func isType(_ kind: String) -> Bool {
        type.split(separator: "/").last.map(String.init) == kind
    }
}

/// Reading a part's relationships.
enum PackageRelationships {
    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`,
    /// the package itself ("") → `_rels/.rels`.
    static func partName(for part: String) -> String {
        let (folder, name) = split(part)
        return "\(folder)_rels/\(name).rels"
    }

    /// The relationships in `bytes`, the relationships part of `sourcePart`.
    /// - Throws: `XLSXError` for malformed XML.
    static func parse(_ bytes: [UInt8], sourcePart: String, file: String) throws -> [PackageRelationship] {
        let part = partName(for: sourcePart)
        return try XMLPart.scan(bytes, file: file, part: part) { scanner in
            var relationships: [PackageRelationship] = []
            while true {
                switch try scanner.next() {
                case .endOfDocument:
                    return relationships
                case .startElement where scanner.nameIs("Relationship"):
                    guard let id = try scanner.attributeString("Id"), let target = try scanner.attributeString("Target") else { continue }
                    let isExternal = try scanner.attributeString("TargetMode") == "External"
                    relationships.append(PackageRelationship(
                        id: id, type: try scanner.attributeString("Type") ?? "",
                        targetPart: isExternal ? nil : resolve(target, from: sourcePart)))
                default:
                    continue
                }
            }
        }
    }

    /// The part a relationship target names: absolute (`/xl/worksheets/sheet1.xml`) or relative
    /// to the source part's folder (`worksheets/sheet1.xml`, `../xl/styles.xml`), percent-escapes
    /// decoded.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        let path = decoded.hasPrefix("/") ? decoded : split(sourcePart).folder + decoded
        var segments: [Substring] = []
        for segment in path.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// `xl/workbook.xml` → (`xl/`, `workbook.xml`).
    private static func split(_ part: String) -> (folder: String, name: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }
}
