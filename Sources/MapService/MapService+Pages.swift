import BoundaryStore
import Cartography
import Foundation
import Hummingbird
import MapData
import QueryOutput

extension MapService {
    /// `/` (the viewer of the latest published edition), `/editions/{E}/` (of that edition) and
    /// the viewer's script and style beside either. The page gets a `<base>` of the edition's
    /// folder so the viewer's relative `tiles.json` resolves there from either address.
    func viewerPage(_ request: Request, editionName: String?) async throws -> Response {
        let edition: Edition
        if let editionName { edition = try await access.edition(editionName, for: request) } else { edition = try await access.defaultEdition(for: request) }
        var page = String(decoding: viewerFiles["index.html"] ?? [], as: UTF8.self)
        page = page.replacingOccurrences(of: "<head>", with: "<head>\n  <base href=\"/editions/\(Self.pathSegment(edition.name))/\">")
        return Resource(bytes: Array(page.utf8), contentType: "text/html; charset=utf-8", cacheControl: "no-cache").response(to: request)
    }

    /// `viewer.js`, `viewer.css`: the same for every edition.
    func viewerFile(_ request: Request, name: String) throws -> Response {
        guard let bytes = viewerFiles[name], name != "index.html" else { throw ServiceError.notFound("no file '\(name)'") }
        let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"
        return Resource(bytes: bytes, contentType: type, cacheControl: "public, max-age=300").response(to: request)
    }

    /// `/editions`: the editions the request may read, as `investmap edition list --format json`
    /// lists them.
    func editionList(_ request: Request) async throws -> Response {
        let text = try EditionsAnswer.json(try await access.visibleEditions(request)) + "\n"
        return Resource(bytes: Array(text.utf8), contentType: "application/json", cacheControl: "no-cache").response(to: request)
    }

    /// `/editions/{E}/maps/{spec}.svg`: a spec of `Renderers/` drawn for the edition, as
    /// `investmap render` draws it.
    func map(_ request: Request, editionName: String, spec specName: String) async throws -> Response {
        let edition = try await access.edition(editionName, for: request, parameter: "edition")
        guard let spec = specs[specName] else {
            throw ServiceError.notFound("no map spec '\(QueryParameters.printable(specName))' (there are: \(specs.keys.sorted().joined(separator: ", ")))",
                                        parameter: "spec")
        }
        let store = self.store, reference = self.reference
        return try await resource("maps/\(specName)", edition: edition, contentType: "image/svg+xml; charset=utf-8") {
            let map = try MapRenderer().render(spec, input: try MapDataLoader(store: store, reference: reference).load(spec, edition: edition))
            return map.svg
        }.response(to: request)
    }
}
