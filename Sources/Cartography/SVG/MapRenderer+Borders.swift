import GeoCore

extension MapRenderer {
    /// What a border separates, which decides how it is drawn.
    enum BorderKind: Int, CaseIterable {
        /// Between units of the same prefecture (or any two units when prefecture borders are off).
        case municipal
        /// Between a unit and the outside of the coverage.
        case coast
        /// Between prefectures (or between bureau blocks on a bureau map).
        case prefecture

        var className: String {
            switch self {
            case .municipal: "border-municipal"
            case .coast: "border-coast"
            case .prefecture: "border-prefecture"
            }
        }
    }

    /// The borders, each drawn once: each frame's coverage is cut into its shared arcs
    /// (`CoverageArcs`), and every arc is written once into the path of its kind — not by
    /// stroking every unit, which would draw each inner border twice. The topologies are built on
    /// the snapped polygons (tenths of a pixel); faces are the units in input order, then the
    /// 所属未定地 areas.
    func borders(_ spec: MapSpec, input: MapInput, topologies: [CoverageTopology]) -> SVGElement {
        var paths = [SVGPathData](repeating: SVGPathData(), count: BorderKind.allCases.count)
        let groupOf = input.units.map { $0.prefectureCode ?? $0.bureauID ?? $0.code } + input.unassigned.map { $0.prefectureCode ?? "" }
        let allInnerArePrefectureBorders = spec.level == .prefecture || spec.level == .bureau
        var points: [PixelPoint] = []
        for topology in topologies where topology.vertexCount > 0 {
            let arcs = CoverageArcs(topology)
            let coordinates = topology.coordinates
            for (ids, (left, right)) in zip(arcs.arcVertices, zip(arcs.leftFace, arcs.rightFace)) {
                let kind: BorderKind
                if left < 0 || right < 0 {
                    kind = .coast
                } else if allInnerArePrefectureBorders || (spec.prefectureBorders && groupOf[Int(left)] != groupOf[Int(right)]) {
                    kind = .prefecture
                } else {
                    kind = .municipal
                }
                points.removeAll(keepingCapacity: true)
                for id in ids { points.append(PixelPoint(tenths: coordinates[Int(id)])) }
                paths[kind.rawValue].appendLine(points)
            }
        }
        // White prefecture lines on a plain base map; dark ones over classes or categories.
        let base = spec.metric == nil && input.unitCategories == nil
        let styles: [(colour: String, width: String)] = [
            ("#ffffff", "0.3"),                                   // municipal
            ("#6b6b6b", "0.45"),                                  // coast
            (base ? "#ffffff" : "#4a4a4a", base ? "1" : "0.8"),   // prefecture
        ]
        var group = SVGElement("g", [("id", "borders"), ("fill", "none"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
        for kind in BorderKind.allCases where !paths[kind.rawValue].isEmpty {
            let style = styles[kind.rawValue]
            group.append(SVGElement("path", [("class", kind.className), ("stroke", style.colour), ("stroke-width", style.width),
                                             ("d", paths[kind.rawValue].text)]))
        }
        return group
    }
}
