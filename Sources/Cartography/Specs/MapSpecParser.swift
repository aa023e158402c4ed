import Foundation
import Reference

/// Reads a spec file strictly: every key must be known, every value of the right type and in
/// range, every name (metric, palette, level, extent, method, plan, field) one that exists —
/// otherwise a `MapSpecError` names the file and the key. The format is documented in
/// `Renderers/README.md`.
public struct MapSpecParser: Sendable {
    /// The reference tables names are checked against (bureau ids, prefecture codes, plan types,
    /// strategic fields).
    public let reference: ReferenceTables

    public init(reference: ReferenceTables) {
        self.reference = reference
    }

    /// The keys a spec may hold, by object (dotted path of the object; "" is the top level).
    static let knownKeys: [String: [String]] = [
        "": ["comment", "title", "subtitle", "level", "metric", "filters", "classification", "palette", "extent", "scale",
             "insets", "overlays", "labels", "legend", "size", "attribution"],
        "filters": ["plan", "field", "status", "programme", "category", "company_size"],
        "classification": ["method", "classes", "breaks", "zero_class"],
        "overlays": ["prefecture_borders", "projects"],
        "overlays.projects": ["size_by", "color_by", "max_radius"],
        "labels": ["prefectures", "font_size"],
        "legend": ["title", "counts"],
        "size": ["width", "height"],
    ]

    static let methods: [String: ClassificationMethod] = [
        "quantiles": .quantiles, "equal-interval": .equalInterval, "fisher-jenks": .fisherJenks, "head-tail": .headTail,
        "manual": .manual([]),
    ]

    /// Reads the spec file at `path`.
    public func parse(contentsOf path: String) throws -> MapSpec {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw MapSpecError(source: path, key: "", reason: "cannot read the file: \((error as NSError).localizedDescription)")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(data, source: path, name: name)
    }

    /// Reads a spec from `data`; `source` names it in errors, `name` is the output's base name.
    public func parse(_ data: Data, source: String, name: String) throws -> MapSpec {
        let root: SpecJSONValue
        do {
            root = try JSONDecoder().decode(SpecJSONValue.self, from: data)
        } catch {
            throw MapSpecError(source: source, key: "", reason: "not valid JSON: \(Self.decodingReason(error))")
        }
        var reader = Reader(source: source)
        let top = try reader.object(root, at: "")

        let title = try reader.string(top["title"], at: "title", required: true)!
        let subtitle = try reader.string(top["subtitle"], at: "subtitle")
        let levelName = try reader.string(top["level"], at: "level", required: true)!
        guard let level = MapLevel(rawValue: levelName) else {
            throw reader.error("level", "unknown level '\(levelName)'; levels: \(MapLevel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let metric = try reader.string(top["metric"], at: "metric").map { text -> StatisticsMetric in
            guard let metric = StatisticsMetric(name: text) else {
                let names = StatisticsMetric.allCases.map(\.rawValue)
                throw reader.error("metric", "unknown metric '\(text)'; metrics (closest first): \(ClosestNames.closest(to: text, in: names, limit: names.count).joined(separator: ", "))")
            }
            return metric
        }

        let filters = try parseFilters(top["filters"], &reader)
        let extent = try parseExtent(top["extent"], &reader)
        if level == .bureau, case .prefecture = extent {
            throw reader.error("extent", "a map of bureau blocks cannot show one prefecture; use extent nation or bureau:ID")
        }

        let (classification, palette) = try parseClassesAndPalette(top, metric: metric, &reader)

        let scale = try reader.string(top["scale"], at: "scale")
        if let scale, scale.isEmpty { throw reader.error("scale", "empty scale name") }
        let insets = try parseInsets(top["insets"], extent: extent, &reader)

        let (prefectureBorders, projectSymbols) = try parseOverlays(top["overlays"], level: level, &reader)

        var prefectureLabels = true
        var labelFontSize = 11.0
        if let labels = try reader.optionalObject(top["labels"], at: "labels") {
            prefectureLabels = try reader.bool(labels["prefectures"], at: "labels.prefectures") ?? prefectureLabels
            labelFontSize = try reader.number(labels["font_size"], at: "labels.font_size", in: 4...72) ?? labelFontSize
        }
        var legendTitle: String?
        var legendCounts = true
        if let legend = try reader.optionalObject(top["legend"], at: "legend") {
            legendTitle = try reader.string(legend["title"], at: "legend.title")
            legendCounts = try reader.bool(legend["counts"], at: "legend.counts") ?? legendCounts
        }
        var width = 1200, height = 1300
        if let size = try reader.optionalObject(top["size"], at: "size") {
            width = try reader.integer(size["width"], at: "size.width", in: 300...10_000) ?? width
            height = try reader.integer(size["height"], at: "size.height", in: 300...10_000) ?? height
        }
        var attribution: [String] = []
        if let value = top["attribution"] {
            guard case .array(let items) = value else { throw reader.error("attribution", "expected an array of strings, got \(value.kind)") }
            for (index, item) in items.enumerated() {
                attribution.append(try reader.string(item, at: "attribution[\(index)]", required: true)!)
            }
        }
        _ = try reader.string(top["comment"], at: "comment")

        return MapSpec(source: source, name: name, title: title, subtitle: subtitle, level: level, metric: metric, filters: filters,
                       classification: classification, palette: palette, extent: extent, scale: scale, insets: insets,
                       prefectureBorders: prefectureBorders, projectSymbols: projectSymbols, prefectureLabels: prefectureLabels,
                       labelFontSize: labelFontSize, legendTitle: legendTitle, legendCounts: legendCounts,
                       width: width, height: height, attribution: attribution)
    }

    /// `classification` and `palette`, which only a map with a metric may have; the palette must
    /// have enough colours for the classes.
    private func parseClassesAndPalette(_ top: [String: SpecJSONValue], metric: StatisticsMetric?,
                                        _ reader: inout Reader) throws -> (MapSpec.ClassificationOptions, String) {
        var classification = MapSpec.ClassificationOptions()
        var palette = "YlOrRd"
        if metric == nil {
            for key in ["classification", "palette"] where top[key] != nil {
                throw reader.error(key, "given without a metric: a map without a metric has no classes")
            }
        } else {
            classification = try parseClassification(top["classification"], &reader)
            palette = try reader.string(top["palette"], at: "palette") ?? palette
            let colourCount: Int
            if case .manual(let breaks) = classification.method {
                colourCount = max(breaks.count, Palette.classRange.lowerBound)
            } else {
                colourCount = classification.method.usesClassCount ? classification.classes : Palette.classRange.lowerBound
            }
            do {
                _ = try Palette.colors(palette, classes: colourCount)
            } catch let error as PaletteError {
                let key = error.description.hasPrefix("unknown") ? "palette" : "classification.classes"
                throw reader.error(key, error.description)
            }
        }
        return (classification, palette)
    }

    /// `overlays`: prefecture borders (default: on for municipal maps) and project symbols.
    private func parseOverlays(_ value: SpecJSONValue?, level: MapLevel,
                               _ reader: inout Reader) throws -> (prefectureBorders: Bool, projectSymbols: MapSpec.ProjectSymbols?) {
        var prefectureBorders = level == .municipality || level == .city
        var projectSymbols: MapSpec.ProjectSymbols?
        if let overlays = try reader.optionalObject(value, at: "overlays") {
            if let value = try reader.bool(overlays["prefecture_borders"], at: "overlays.prefecture_borders") {
                if value && level == .bureau {
                    throw reader.error("overlays.prefecture_borders", "a map of bureau blocks has no prefecture borders between its units")
                }
                prefectureBorders = value
            }
            if let projects = try reader.optionalObject(overlays["projects"], at: "overlays.projects") {
                var symbols = MapSpec.ProjectSymbols()
                if let sizeBy = try reader.string(projects["size_by"], at: "overlays.projects.size_by"), sizeBy != "amount" {
                    throw reader.error("overlays.projects.size_by", "unknown size_by '\(sizeBy)'; circles are sized by: amount")
                }
                if let colorBy = try reader.string(projects["color_by"], at: "overlays.projects.color_by") {
                    guard let value = MapSpec.ProjectSymbols.ColorBy(rawValue: colorBy) else {
                        throw reader.error("overlays.projects.color_by", "unknown color_by '\(colorBy)'; one of: plan, field, category")
                    }
                    symbols.colorBy = value
                }
                if let radius = try reader.number(projects["max_radius"], at: "overlays.projects.max_radius", in: 2...200) {
                    symbols.maxRadius = radius
                }
                projectSymbols = symbols
            }
        }
        return (prefectureBorders, projectSymbols)
    }

    private func parseFilters(_ value: SpecJSONValue?, _ reader: inout Reader) throws -> MapSpec.Filters {
        guard let object = try reader.optionalObject(value, at: "filters") else { return MapSpec.Filters() }
        var filters = MapSpec.Filters()
        if let plan = try reader.string(object["plan"], at: "filters.plan") {
            let ids = reference.planTypes.map(\.id)
            guard ids.contains(plan) else { throw reader.error("filters.plan", "unknown plan type '\(plan)'; plan types: \(ids.joined(separator: ", "))") }
            filters.plan = plan
        }
        if let field = try reader.string(object["field"], at: "filters.field") {
            let ids = reference.strategicFields.map(\.id)
            guard ids.contains(field) else {
                throw reader.error("filters.field", "unknown strategic field '\(field)' (closest: \(ClosestNames.closest(to: field, in: ids, limit: 3).joined(separator: ", ")))")
            }
            filters.field = field
        }
        if let status = try reader.string(object["status"], at: "filters.status") {
            let names = ProjectStatus.allCases.map(\.rawValue) + ["all"]
            guard names.contains(status) else { throw reader.error("filters.status", "unknown status '\(status)'; one of: \(names.joined(separator: ", "))") }
            filters.status = status
        }
        filters.programme = try reader.string(object["programme"], at: "filters.programme")
        filters.category = try reader.string(object["category"], at: "filters.category")
        filters.companySize = try reader.string(object["company_size"], at: "filters.company_size")
        do {
            _ = try filters.filter(reference: reference)
        } catch {
            throw reader.error("filters.\(error.parameter)", error.reason)
        }
        return filters
    }

    private func parseExtent(_ value: SpecJSONValue?, _ reader: inout Reader) throws -> MapExtent {
        guard let text = try reader.string(value, at: "extent") else { return .nation }
        if text == "nation" { return .nation }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] == "bureau" {
            guard reference.bureau(id: parts[1]) != nil else {
                throw reader.error("extent", "unknown bureau '\(parts[1])'; bureaus: \(reference.bureaus.map(\.id).joined(separator: ", "))")
            }
            return .bureau(parts[1])
        }
        if parts.count == 2, parts[0] == "prefecture" {
            guard reference.prefecture(code: parts[1]) != nil else {
                throw reader.error("extent", "unknown prefecture code '\(parts[1])'; a 2-digit code 01 … 47")
            }
            return .prefecture(parts[1])
        }
        throw reader.error("extent", "unknown extent '\(text)'; one of: nation, bureau:ID (e.g. bureau:kanto), prefecture:CODE (e.g. prefecture:13)")
    }

    private func parseClassification(_ value: SpecJSONValue?, _ reader: inout Reader) throws -> MapSpec.ClassificationOptions {
        var options = MapSpec.ClassificationOptions()
        guard let object = try reader.optionalObject(value, at: "classification") else { return options }
        if let name = try reader.string(object["method"], at: "classification.method") {
            guard let method = Self.methods[name] else {
                throw reader.error("classification.method", "unknown method '\(name)'; methods: quantiles, equal-interval, fisher-jenks, head-tail, manual")
            }
            options.method = method
        }
        let range = Palette.classRange
        if let classes = try reader.integer(object["classes"], at: "classification.classes", in: range) {
            guard options.method.usesClassCount else {
                throw reader.error("classification.classes", "method \(options.method.name) decides the number of classes itself")
            }
            options.classes = classes
        }
        if case .manual = options.method {
            guard case .array(let items)? = object["breaks"], !items.isEmpty else {
                throw reader.error("classification.breaks", "method manual needs breaks: an increasing array of upper bounds")
            }
            var breaks: [Double] = []
            for (index, item) in items.enumerated() {
                guard case .number(let bound) = item, bound.isFinite else {
                    throw reader.error("classification.breaks[\(index)]", "expected a number, got \(item.kind)")
                }
                if let last = breaks.last, bound <= last {
                    throw reader.error("classification.breaks[\(index)]", "\(bound) is not above the bound before it (\(last))")
                }
                breaks.append(bound)
            }
            guard breaks.count + 1 <= range.upperBound else {
                throw reader.error("classification.breaks", "\(breaks.count) breaks give up to \(breaks.count + 1) classes; palettes have at most \(range.upperBound)")
            }
            options.method = .manual(breaks)
        } else if object["breaks"] != nil {
            throw reader.error("classification.breaks", "breaks are for method manual")
        }
        options.zeroClass = try reader.bool(object["zero_class"], at: "classification.zero_class") ?? options.zeroClass
        return options
    }

    private func parseInsets(_ value: SpecJSONValue?, extent: MapExtent, _ reader: inout Reader) throws -> [MapInset]? {
        guard let value else { return nil }
        guard case .array(let items) = value else { throw reader.error("insets", "expected an array of inset names, got \(value.kind)") }
        var insets: [MapInset] = []
        for (index, item) in items.enumerated() {
            let key = "insets[\(index)]"
            let name = try reader.string(item, at: key, required: true)!
            guard let inset = MapInset(rawValue: name) else {
                throw reader.error(key, "unknown inset '\(name)'; insets: \(MapInset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard inset.applies(to: extent) else { throw reader.error(key, "inset \(name) does not apply to extent \(extent)") }
            guard !insets.contains(inset) else { throw reader.error(key, "inset \(name) given twice") }
            insets.append(inset)
        }
        return insets
    }

    private static func decodingReason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = context.underlyingError.map { " (\(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? $0))" } ?? ""
            return context.debugDescription + underlying
        }
        return "\(error)"
    }

    /// Typed access to the decoded JSON with errors naming the key; checks every object's keys
    /// against `knownKeys` as it is opened.
    struct Reader {
        let source: String

        func error(_ key: String, _ reason: String) -> MapSpecError {
            MapSpecError(source: source, key: key, reason: reason)
        }

        func object(_ value: SpecJSONValue, at path: String) throws -> [String: SpecJSONValue] {
            guard case .object(let members) = value else {
                throw error(path, "expected an object, got \(value.kind)")
            }
            let known = MapSpecParser.knownKeys[path] ?? []
            // Sorted, so that the same file always names the same key first.
            for key in members.keys.sorted() where !known.contains(key) {
                let closest = ClosestNames.closest(to: key, in: known, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                throw error(path.isEmpty ? key : "\(path).\(key)", "unknown key\(closest); keys here: \(known.joined(separator: ", "))")
            }
            return members
        }

        func optionalObject(_ value: SpecJSONValue?, at path: String) throws -> [String: SpecJSONValue]? {
            guard let value, value != .null else { return nil }
            return try object(value, at: path)
        }

        func string(_ value: SpecJSONValue?, at path: String, required: Bool = false) throws -> String? {
            switch value {
            case .string(let text)?: return text
            case nil, .null?: if required { throw error(path, "missing (a string is required)") } else { return nil }
            case let other?: throw error(path, "expected a string, got \(other.kind)")
            }
        }

        func bool(_ value: SpecJSONValue?, at path: String) throws -> Bool? {
            switch value {
            case .bool(let flag)?: return flag
            case nil, .null?: return nil
            case let other?: throw error(path, "expected true or false, got \(other.kind)")
            }
        }

        func number(_ value: SpecJSONValue?, at path: String, in range: ClosedRange<Double>) throws -> Double? {
            switch value {
            case .number(let number)?:
                guard range.contains(number) else { throw error(path, "\(number) is outside \(range.lowerBound) … \(range.upperBound)") }
                return number
            case nil, .null?: return nil
            case let other?: throw error(path, "expected a number, got \(other.kind)")
            }
        }

        func integer(_ value: SpecJSONValue?, at path: String, in range: ClosedRange<Int>) throws -> Int? {
            switch value {
            case .number(let number)?:
                guard number == number.rounded(), abs(number) < 1e9 else { throw error(path, "expected a whole number, got \(number)") }
                guard range.contains(Int(number)) else { throw error(path, "\(Int(number)) is outside \(range.lowerBound) … \(range.upperBound)") }
                return Int(number)
            case nil, .null?: return nil
            case let other?: throw error(path, "expected a whole number, got \(other.kind)")
            }
        }
    }
}
