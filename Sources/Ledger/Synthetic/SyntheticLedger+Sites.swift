import Foundation
import GeoCore
import GeoFormats
import Reference

/// Fictional industrial-cluster sites, drawn like the projects (same seed, their own streams):
/// - location: a town point chosen uniformly, moved up to 1 km;
/// - geometry: a point for 70 % of sites, else an area: an irregular octagon 400–1,500 m across
///   its centre (industrial parks are drawn as areas in the real plans);
/// - plan: as the projects' plans; fields: one or two strategic fields (weighted as the
///   projects'), none for 20 % of the sites of other plans than A (a plan A site needs one);
/// - status: operating 55 %, under_construction 25 %, planned 15 %, withdrawn 5 %;
/// - name: the municipality and a kind of site: 「北上市 半導体産業集積拠点」.
/// Site i depends only on the seed and i.
extension SyntheticLedger {
    /// The first `count` sites, ids S0001 ….
    public func sites(count: Int) -> [ClusterSite] {
        (0..<max(0, count)).map { site(at: $0) }
    }

    /// Site number `index + 1`.
    public func site(at index: Int) -> ClusterSite {
        precondition(index >= 0, "site index must not be negative")
        // Streams far above any project index, so sites never repeat a project's draws.
        var random = SeededRandom(seed: seed, stream: (1 << 62) | UInt64(index))
        let plan = plans.isEmpty ? "C" : plans[random.below(plans.count)]
        var chosen: [Int] = []
        if !fields.isEmpty, plan == "A" || !random.chance(0.2) {
            let count = random.chance(0.3) ? 2 : 1
            while chosen.count < min(count, fields.count) {
                let field = random.pick(cumulative: fieldCumulative)
                if !chosen.contains(field) { chosen.append(field) }
            }
        }
        let status = Self.siteStatuses[random.pick(cumulative: Self.siteStatusCumulative)]
        let townIndex = random.below(towns.count)
        let centre = Self.jittered(towns[townIndex].location, maximumMetres: 1_000, random: &random)
        let kind = chosen.isEmpty ? random.element(of: Self.generalSiteKinds) : "\(fieldNames[chosen[0]])\(random.element(of: Self.fieldSiteKinds))"
        let geometry: Geometry
        if random.chance(0.7) {
            geometry = .point(centre)
        } else {
            let radius = 200 + 550 * random.unit()
            let start = 2 * Double.pi * random.unit()
            var ring = (0..<8).map { corner in
                Self.offset(centre, metres: radius * (0.75 + 0.5 * random.unit()), bearing: start - Double(corner) * Double.pi / 4)
            }
            ring.append(ring[0])
            geometry = .polygon(Polygon(exterior: LinearRing(ring), holes: []))
        }
        let digits = String(index + 1)
        return ClusterSite(id: "S" + String(repeating: "0", count: max(0, 4 - digits.utf8.count)) + digits,
                           name: "\(townPlaces[townIndex]) \(kind)", plan: plan, fields: chosen.map { fields[$0] }, status: status, geometry: geometry)
    }

    /// The canonical sites header.
    public static let sitesCSVHeader = ["id", "name", "plan", "fields", "status", "lon", "lat", "wkt"]

    /// One site as a canonical CSV record, line end included: a point in lon/lat, an area as WKT.
    public func siteCSVRecord(_ site: ClusterSite) -> String {
        var lon = "", lat = "", wkt = ""
        switch site.geometry {
        case .point(let c):
            lon = Self.sixDecimals(c.x)
            lat = Self.sixDecimals(c.y)
        case .polygon(let polygon):
            wkt = "POLYGON((" + polygon.exterior.coordinates.map { "\(Self.sixDecimals($0.x)) \(Self.sixDecimals($0.y))" }.joined(separator: ",") + "))"
        default:
            break
        }
        return CSVWriter.record([site.id, site.name, site.plan, site.fields.joined(separator: ";"), site.status.rawValue, lon, lat, wkt])
    }

    static let siteStatuses: [ProjectStatus] = [.operating, .underConstruction, .planned, .withdrawn]
    static let siteStatusCumulative = [0.55, 0.80, 0.95, 1.0]
    static let generalSiteKinds = ["産業団地", "工業団地", "臨海工業地帯", "物流拠点", "研究開発拠点"]
    static let fieldSiteKinds = ["産業集積拠点", "集積拠点", "クラスター", "拠点団地"]
}
