import GeoCore

extension MapRenderer {
    /// The projects of the input as proportional symbols, each in the frame that draws its
    /// place (Okinawa's in its inset), with the legend's categories and counts.
    func projectSymbols(_ spec: MapSpec, input: MapInput, assigner: FrameAssigner) -> ProjectSymbolLayer {
        var layer = ProjectSymbolLayer()
        guard let options = spec.projectSymbols else { return layer }
        let palette = Palette.categorical(input.categories.count)
        let colors = input.categories.enumerated().map { $0.element.colour ?? palette[$0.offset] }
        let otherColor = "#999999"
        var placed: [(project: MapProject, frame: Int)] = []
        for project in input.projects {
            guard let frame = assigner.frame(prefectureCode: project.prefectureCode, bureauID: nil, at: project.location) else {
                layer.omitted += 1
                continue
            }
            guard let amount = project.totalInvestmentJPY, amount > 0 else {
                layer.withoutAmount += 1
                continue
            }
            layer.largestAmount = max(layer.largestAmount, amount)
            placed.append((project, frame))
        }
        layer.maxRadius = options.maxRadius
        var counts = [Int](repeating: 0, count: input.categories.count + 1)
        for (project, frame) in placed {
            let key = switch options.colorBy {
            case .plan: project.plan
            case .field: project.field
            case .category: project.category
            }
            let index = input.categories.firstIndex { $0.id == key }
            counts[index ?? input.categories.count] += 1
            let radius = max(1.2, options.maxRadius * (project.totalInvestmentJPY! / layer.largestAmount).squareRoot())
            layer.drawn.append(.init(project: project, frame: frame, radius: radius, color: index.map { colors[$0] } ?? otherColor))
        }
        // Largest first; equal amounts in id order.
        layer.drawn.sort { ($0.project.totalInvestmentJPY!, $1.project.id) > ($1.project.totalInvestmentJPY!, $0.project.id) }
        for (index, category) in input.categories.enumerated() {
            layer.categories.append(.init(id: category.id, label: "\(category.name)（\(counts[index])件）", color: colors[index], count: counts[index]))
        }
        if counts[input.categories.count] > 0 {
            layer.categories.append(.init(id: "other", label: "その他（\(counts[input.categories.count])件）", color: otherColor,
                                          count: counts[input.categories.count]))
        }
        return layer
    }
}
