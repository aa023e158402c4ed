import BoundaryStore
import Foundation
import Hummingbird
import Synchronization

/// Which editions a request may read. Published editions are public; drafts need
/// `Authorization: Bearer <token>` with the token the server was started with (compared in
/// constant time). Without a token a draft is answered exactly as an edition that does not
/// exist (404), so its name is not revealed; a wrong token gets 401 for both (and is counted by
/// the service's `TokenThrottle`). The edition list is read from the store again after a few seconds, so an
/// edition published while the server runs appears without a restart.
public final class EditionAccess: Sendable {
    let store: BoundaryStore
    let token: [UInt8]?
    private let catalog = Mutex<(editions: [Edition], read: ContinuousClock.Instant?)>(([], nil))
    static let refreshAfter = Duration.seconds(3)

    public init(store: BoundaryStore, token: String?) {
        self.store = store
        self.token = token.map { Array($0.utf8) }
    }

    /// Every edition in the store (read again, off the server's threads, after a few seconds).
    func editions() async throws -> [Edition] {
        if let fresh = catalog.withLock({ state in state.read.map { ContinuousClock.now - $0 < Self.refreshAfter } == true ? state.editions : nil }) {
            return fresh
        }
        let store = self.store
        let editions = try await offload { try store.editions() }
        catalog.withLock { $0 = (editions, .now) }
        return editions
    }

    /// Whether the request carries the draft token: false without an Authorization header.
    /// - Throws: 401 `invalid_token` for a header that is not the token.
    func authorized(_ request: Request) throws -> Bool {
        guard let header = request.headers[.authorization] else { return false }
        let prefix = "Bearer "
        if let token, header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased(),
           Self.constantTimeEqual(Array(header.utf8.dropFirst(prefix.utf8.count)), token) {
            return true
        }
        throw ServiceError.unauthorized("the token does not open draft editions (send none for the published ones)", invalidToken: true)
    }

    /// The editions the request may see: published ones, and drafts with the token.
    func visibleEditions(_ request: Request) async throws -> [Edition] {
        let all = try await editions()
        return try authorized(request) ? all : all.filter { $0.status == .published }
    }

    /// The edition named in the request, which it must be allowed to read.
    /// - Throws: 400 for a malformed name; 404 for an unknown one and, without a token, for a
    ///   draft alike; 401 for a wrong token asking for either.
    func edition(_ name: String, for request: Request, parameter: String = "edition") async throws -> Edition {
        guard !name.isEmpty, name.utf8.count <= 100, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServiceError.badParameter(parameter, "an edition name has 1 to 100 characters and no control characters")
        }
        let edition = try await editions().first(where: { $0.name == name })
        if let edition, edition.status == .published { return edition }
        // The token is checked for unknown names too, so that a wrong one is answered alike.
        guard try authorized(request), let edition else {
            throw ServiceError.notFound("no edition '\(name)'", parameter: parameter)
        }
        return edition
    }

    /// The edition a query reads when none is named (`Edition.defaultChoice`: drafts only with
    /// the token).
    func defaultEdition(for request: Request) async throws -> Edition {
        guard let chosen = Edition.defaultChoice(among: try await editions(), draftsVisible: try authorized(request)) else {
            throw ServiceError.notFound("no published edition yet", parameter: "edition")
        }
        return chosen
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}
