import BoundaryStore
import Foundation
import Hummingbird
import Synchronization

/// Which editions a request may read. Published editions are public; drafts need
/// `Authorization: Bearer <token>` with the token the server was started with (compared in
/// constant time). The edition list is read from the store again after a few seconds, so an
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

    /// Whether the request carries the draft token.
    func authorized(_ request: Request) -> Bool {
        guard let token, let header = request.headers[.authorization] else { return false }
        let prefix = "Bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased() else { return false }
        return Self.constantTimeEqual(Array(header.utf8.dropFirst(prefix.utf8.count)), token)
    }

    /// The editions the request may see: published ones, and drafts with the token.
    func visibleEditions(_ request: Request) async throws -> [Edition] {
        let all = try await editions()
        return authorized(request) ? all : all.filter { $0.status == .published }
    }

    /// The edition named in the request, which it must be allowed to read.
    /// - Throws: 400 for a malformed name, 404 for an unknown one (drafts are not revealed to
    ///   requests without the token: they get 401 only when they send a wrong one).
    func edition(_ name: String, for request: Request, parameter: String = "edition") async throws -> Edition {
        guard !name.isEmpty, name.utf8.count <= 100, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServiceError.badParameter(parameter, "an edition name has 1 to 100 characters and no control characters")
        }
        guard let edition = try await editions().first(where: { $0.name == name }) else {
            throw ServiceError.notFound("no edition '\(name)'", parameter: parameter)
        }
        if edition.status == .draft { try requireToken(request, for: edition.name) }
        return edition
    }

    /// The edition a query reads when none is named (`Edition.defaultChoice`: drafts only with
    /// the token).
    func defaultEdition(for request: Request) async throws -> Edition {
        guard let chosen = Edition.defaultChoice(among: try await editions(), draftsVisible: authorized(request)) else {
            throw ServiceError.notFound("no published edition yet", parameter: "edition")
        }
        return chosen
    }

    func requireToken(_ request: Request, for name: String) throws {
        guard !authorized(request) else { return }
        let sent = request.headers[.authorization] != nil
        throw ServiceError.unauthorized(sent ? "the token does not open draft edition '\(name)'" : "edition '\(name)' is a draft: send Authorization: Bearer <token>",
                                        invalidToken: sent)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}
