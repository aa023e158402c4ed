extension MapRenderer {
    /// Prefecture names on the main frame, placed by `LabelPlacer` (largest prefectures first,
    /// each at the point of its area farthest from its edge — `LabelAnchorGrid` —, moved aside
    /// or dropped rather than overlapping another label, an inset, the legend or the scale bar).
    /// On ward and city maps a prefecture's area is its units' (and its 所属未定地); prefecture
    /// and bureau maps label their own units. Prefectures drawn in an inset are named by its
    /// caption. `faces` are the snapped polygons of the units, then of the 所属未定地 areas.
    func labels(_ spec: MapSpec, input: MapInput, faces: [[SnappedPolygon]], bounds: PageRect,
                obstacles: [PageRect]) -> (element: SVGElement, placed: Int, dropped: [String]) {
        let ownUnits = spec.level == .prefecture || spec.level == .bureau
        var keys: [String] = []
        var names: [String] = []
        var groupOfFace: [Int32] = []
        func group(_ key: String?, _ name: String?) -> Int32 {
            guard let key, let name else { return -1 }
            if let index = keys.firstIndex(of: key) { return Int32(index) }
            keys.append(key)
            names.append(name)
            return Int32(keys.count - 1)
        }
        for unit in input.units {
            groupOfFace.append(ownUnits ? group(unit.code, unit.name)
                                        : group(unit.prefectureCode, unit.prefectureCode.flatMap { input.prefectureNames[$0] }))
        }
        for area in input.unassigned {
            groupOfFace.append(ownUnits ? -1 : (area.prefectureCode.flatMap { keys.firstIndex(of: $0) }).map(Int32.init) ?? -1)
        }

        // Cells of a third of the font size: anchors good to a few pixels.
        var grid = LabelAnchorGrid(bounds: bounds, cellSize: max(2, spec.labelFontSize / 3))
        for (face, pieces) in faces.enumerated() where groupOfFace[face] >= 0 {
            for piece in pieces where piece.frame == 0 {
                grid.fill(rings: piece.rings.map { $0.map(\.page) }, group: groupOfFace[face])
            }
        }
        var candidates: [LabelPlacer.Candidate] = []
        for (index, anchor) in grid.anchors(groupCount: keys.count).enumerated() {
            guard let anchor else { continue }
            candidates.append(LabelPlacer.Candidate(text: names[index], anchorX: anchor.x, anchorY: anchor.y,
                                                    priority: Double(anchor.cells), key: keys[index]))
        }
        let placer = LabelPlacer(fontSize: spec.labelFontSize, bounds: bounds, obstacles: obstacles)
        let (placed, dropped) = placer.place(candidates)
        func n(_ value: Double) -> String { SVGNumber.text(value) }
        var element = SVGElement("g", [("id", "labels"), ("font-size", n(spec.labelFontSize)), ("fill", "#222222"),
                                       ("text-anchor", "middle"), ("stroke", "#ffffff"), ("stroke-width", "2.5"),
                                       ("stroke-linejoin", "round"), ("paint-order", "stroke")])
        // In code order, so the document does not depend on the placement order.
        for label in placed.sorted(by: { $0.key < $1.key }) {
            // The baseline sits about a third of the font size below the text's centre.
            element.append(SVGElement("text", [("x", n(label.x)), ("y", n(label.y + spec.labelFontSize * 0.36)),
                                               ("data-code", label.key)], text: label.text))
        }
        return (element, placed.count, dropped.sorted())
    }
}
