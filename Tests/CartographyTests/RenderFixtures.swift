import Cartography
import GeoCore

/// Small hand-made maps for the render tests: squares of 0.1° that share their borders vertex
/// for vertex, as the store's simplified scales do.
enum RenderFixtures {
    /// A square `size` degrees wide with its south-west corner at (`lon`, `lat`), counter-clockwise,
    /// with a midpoint on each side so that neighbours share more than corners.
    static func square(lon: Double, lat: Double, size: Double = 0.1) -> Polygon {
        let h = size / 2
        let points = [(0, 0), (h, 0), (size, 0), (size, h), (size, size), (h, size), (0, size), (0, h), (0, 0)]
        return Polygon(exterior: LinearRing(points.map { Coordinate(x: lon + $0.0, y: lat + $0.1) }))
    }

    static let edition = MapEdition(name: "golden", status: "published", date: "2025-04-01", note: "fictional test data",
                                    boundaryEdition: "N03-test")

    /// Four units in a 2 × 2 block, two prefectures (13 west, 14 east): values 0, 3, 12 and none.
    static var block: MapInput {
        let units = [
            MapUnit(code: "13101", name: "西北区", prefectureCode: "13", bureauID: "kanto", polygons: [square(lon: 139.0, lat: 35.6)], value: 3),
            MapUnit(code: "13102", name: "西南区", prefectureCode: "13", bureauID: "kanto", polygons: [square(lon: 139.0, lat: 35.5)], value: 0),
            MapUnit(code: "14101", name: "東北市", prefectureCode: "14", bureauID: "kanto", polygons: [square(lon: 139.1, lat: 35.6)], value: 12),
            MapUnit(code: "14102", name: "東南町", prefectureCode: "14", bureauID: "kanto", polygons: [square(lon: 139.1, lat: 35.5)], value: nil),
        ]
        return MapInput(units: units, prefectureNames: ["13": "東京都", "14": "神奈川県"], edition: edition, scale: "fixture",
                        extentName: "テスト範囲")
    }

    static var blockSpec: MapSpec {
        MapSpec(source: "block.json", name: "block", title: "テスト地図 <区> & \"町\"", subtitle: "四つの正方形", level: .municipality,
                metric: .count, classification: .init(method: .equalInterval, classes: 2, zeroClass: true), palette: "Blues",
                extent: .prefecture("13"), insets: [], prefectureBorders: true, prefectureLabels: true, labelFontSize: 10,
                width: 640, height: 420)
    }

    /// Three prefecture-sized squares: two on Honshu's latitude and Okinawa far south-west, drawn
    /// in its inset on a national map; three projects, one in Okinawa, one without an amount.
    static var nation: MapInput {
        let units = [
            MapUnit(code: "13", name: "東京都", prefectureCode: "13", bureauID: "kanto", polygons: [square(lon: 139.0, lat: 35.5, size: 0.5)], value: 1_200_000_000),
            MapUnit(code: "14", name: "神奈川県", prefectureCode: "14", bureauID: "kanto", polygons: [square(lon: 139.5, lat: 35.5, size: 0.5)], value: 300_000_000),
            MapUnit(code: "47", name: "沖縄県", prefectureCode: "47", bureauID: "okinawa", polygons: [square(lon: 127.7, lat: 26.2, size: 0.4)], value: 50_000_000),
        ]
        let projects = [
            MapProject(id: "P1", name: "工場A", plan: "A", field: nil, totalInvestmentJPY: 1_000_000_000, location: Coordinate(x: 139.2, y: 35.7),
                       prefectureCode: "13", wardCode: "13101"),
            MapProject(id: "P2", name: "工場B", plan: "B", field: nil, totalInvestmentJPY: 250_000_000, location: Coordinate(x: 127.9, y: 26.4),
                       prefectureCode: "47", wardCode: "47201"),
            MapProject(id: "P3", name: "工場C", plan: "C", field: nil, totalInvestmentJPY: nil, location: Coordinate(x: 139.7, y: 35.7),
                       prefectureCode: "14", wardCode: "14101"),
        ]
        return MapInput(units: units, projects: projects,
                        categories: [MapCategory(id: "A", name: "計画A"), MapCategory(id: "B", name: "計画B"), MapCategory(id: "C", name: "計画C")],
                        edition: edition, scale: "fixture")
    }

    static var nationSpec: MapSpec {
        MapSpec(source: "nation.json", name: "nation", title: "全国テスト", level: .prefecture, metric: .totalInvestment,
                classification: .init(method: .quantiles, classes: 3, zeroClass: false), palette: "YlOrRd", extent: .nation,
                insets: [.okinawa, .ogasawara], projectSymbols: .init(colorBy: .plan, maxRadius: 12), prefectureLabels: true,
                labelFontSize: 10, width: 520, height: 560)
    }
}
