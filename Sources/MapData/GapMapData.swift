import BoundaryStore
import Cartography
import Foundation
import GeoCore
import GeoFormats
import Reference

/// What a coverage-gap map draws, read from the store: the extent's units at the simplified
/// scale that fits it (`bureau`, or `prefecture` for one prefecture) when built, else at full
/// resolution (larger documents); the projects that pass the report's filter; the sites that
/// pass it in the extent (with a distance, also those beyond its borders but over its map).
public struct GapMapData: Sendable {
    public let store: BoundaryStore
    public let reference: ReferenceTables

    public init(store: BoundaryStore, reference: ReferenceTables) {
        self.store = store
        self.reference = reference
    }

    /// The gap map of `request` for `edition`.
    /// - Throws: `MapSpecError` when the extent has no unit to draw; the store's errors.
    public func render(_ request: GapMapRequest, edition: Edition) throws -> RenderedMap {
        let renderer = GapMapRenderer(reference: reference)
        let spec = renderer.spec(request)
        let built = Set(try store.simplifiedLevels().map(\.name))
        let scale = [spec.extent.defaultScale, MapExtent.bureau(request.bureauID).defaultScale].first { built.contains($0) }
        let base = try MapDataLoader(store: store, reference: reference).load(spec, edition: edition, scale: scale)
        let projects = try store.projectPoints(edition: edition, filter: request.filter)
            .filter { spec.extent.contains(prefectureCode: $0.prefectureCode, bureauID: $0.bureauID) }
            .map(MapDataLoader.mapProject)
        var unitBounds = BoundingBox.empty
        for unit in base.units { for polygon in unit.polygons { for c in polygon.exterior.coordinates { unitBounds.extend(c) } } }
        let sites = try store.sites(edition: edition).filter { site, join in
            guard request.filter.accepts(site) else { return false }
            if spec.extent.contains(prefectureCode: join.prefectureCode, bureauID: join.bureauID) { return true }
            guard request.siteKilometres != nil, let box = GapMapRenderer.markerBox(of: site.geometry) else { return false }
            return unitBounds.contains(Coordinate(x: box.minX, y: box.minY)) && unitBounds.contains(Coordinate(x: box.maxX, y: box.maxY))
        }
        return try renderer.render(request, spec: spec, base: base, projects: projects,
                                   sites: sites.map { StoreTileData.mapSite($0.site, prefectureCode: $0.join.prefectureCode) })
    }

    /// Where a gap map goes: a file, whose folder must exist, or a folder of maps (one per
    /// bureau), created when missing.
    /// - Throws: `ExportError` naming the path: a file that is a folder, a missing folder.
    public static func target(_ url: URL, isFolder: Bool) throws -> URL {
        var isDirectory: ObjCBool = false
        if isFolder {
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                throw ExportError(path: url.path, reason: "cannot make the folder: \(AtomicFile.reason(error))")
            }
            return url
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExportError(path: url.path, reason: "cannot write the gap map: it is a folder (--svg takes a file; a folder with --all-bureaus)")
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportError(path: url.path, reason: "cannot write the gap map: the folder \(folder.path) does not exist")
        }
        return url
    }
}
