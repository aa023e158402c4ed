import Foundation
import BoundaryStore
import Ledger
import LedgerStatistics

/// A project whose unit changed when its edition was joined again on other boundaries.
public struct RejoinedProject: Sendable, Equatable {
    public var id: String
    public var name: String
    public var before: LedgerJoin
    /// nil when no unit of the new boundaries lies within the sea distance.
    public var after: LedgerJoin?
}

/// What `edition rejoin` did: the boundary editions before and after, and every project whose
/// ward, municipality, prefecture, bureau, match or code flag changed.
public struct RejoinSummary: Sendable, Equatable {
    public var edition: String
    public var from: String?
    public var to: String
    public var projects: Int
    public var changed: [RejoinedProject]
    /// Whether the joins were written (false for a dry run or when nothing changed).
    public var written: Bool
}

extension LedgerImporter {
    /// Joins the projects of a draft edition again on the store's boundaries (the store opened
    /// with `--boundaries B`), writes the new joins in one transaction and records B as the
    /// boundary edition the edition is joined on. A project that no unit of B holds (within the
    /// sea distance) stops the rejoin: nothing is written. Sites keep their joins.
    /// - Parameter dryRun: report only; also the way to see what a published edition would change.
    /// - Throws: `StoreError` (unknown or, unless `dryRun`, published edition), `RejoinError`.
    public func rejoin(edition name: String, dryRun: Bool = false) throws -> RejoinSummary {
        let edition = try store.edition(named: name)
        if !dryRun && edition.status == .published {
            throw StoreError.editionPublished(path: store.path, name: name, operation: "edition rejoin")
        }
        let target = try store.boundaryEdition() ?? ""
        let rows = try store.projects(edition: edition)
        let locations = try locate(rows.map(\.project.location))
        var changed: [RejoinedProject] = []
        var joins: [String: LedgerJoin] = [:]
        for ((project, before), location) in zip(rows, locations) {
            let after = join(location, declared: project.declaredCode)
            if after != before { changed.append(RejoinedProject(id: project.id, name: project.name, before: before, after: after)) }
            if let after, after != before { joins[project.id] = after }
        }
        let lost = changed.filter { $0.after == nil }
        if !lost.isEmpty && !dryRun {
            throw RejoinError(description: "\(store.path): edition \(name): \(lost.count) project(s) lie in no unit of \(target) "
                + "within \(maxSeaDistanceKm) km (\(lost.prefix(10).map(\.id).joined(separator: ", "))\(lost.count > 10 ? ", …" : "")); nothing written")
        }
        let write = !dryRun && (!joins.isEmpty || edition.boundaryEdition != target)
        if write {
            try store.rejoinProjects(edition: name, joins: joins)
            _ = try UnitAreas.areas(in: store)
        }
        return RejoinSummary(edition: name, from: edition.boundaryEdition, to: target, projects: rows.count, changed: changed, written: write)
    }
}

/// Why a rejoin wrote nothing.
public struct RejoinError: Error, CustomStringConvertible {
    public let description: String
}
