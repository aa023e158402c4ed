import Foundation
import BoundaryStore
import GeoCore
import Ledger
import Reference

/// Gives every input row a point and a precision: its own coordinates (`point`), its address's
/// town (`address`), or a representative point inside its municipality (`municipality`, for a
/// code, a name, or an address whose town is not found). Representative points are GEOS's point
/// on surface of the unit's full-resolution geometry: deterministic and inside the unit, which a
/// centroid of a ring is not always (an island municipality, a crescent-shaped coast).
struct ProjectPlacer {
    /// Where a row was placed, and what the importer reports about it.
    struct Placement {
        var location: Coordinate
        var precision: LocationPrecision
        /// Whether a municipality-precision row stands for a designated city, whose wards the
        /// case is not given to.
        var unitIsDesignatedCity = false
        /// Why the row is less exact than it asked to be (an address whose town was not found).
        var note: String?
    }

    let store: BoundaryStore
    let reference: ReferenceTables
    /// Makes a geocoder, a new one on every call: called only for rows with addresses or names
    /// (only they need the town points), once per thread of `place(_:)`.
    let geocoder: @Sendable () throws -> any AddressLocating
    /// Code → (level, feature id), for the representative points.
    private var unitIDs: [String: (level: UnitLevel, id: Int64)] = [:]
    private var points: [String: Coordinate] = [:]

    init(store: BoundaryStore, reference: ReferenceTables, geocoder: @escaping @Sendable () throws -> any AddressLocating) throws {
        self.store = store
        self.reference = reference
        self.geocoder = geocoder
        // Wards first: a ward code names a ward; a designated city's own code is at its level.
        for level in [UnitLevel.designatedCity, .municipality, .ward] {
            for unit in try store.units(level, withGeometry: false) {
                guard let code = unit.code, let id = unit.id else { continue }
                unitIDs[code] = (level, id)
            }
        }
    }

    /// The placements of many rows, in order. Their addresses are geocoded first, on every core
    /// when there are many, each thread with a geocoder of its own: threads sharing one index
    /// were no faster than one (perf: their time went to contended reference counts of the
    /// index's shared arrays and names), while a second index costs about a second to build,
    /// on its own core. The rest runs in order.
    mutating func place(_ inputs: [ProjectInput]) throws -> [Result<Placement, PlacementProblem>] {
        let addresses = inputs.map(\.place.geocodingText)
        let addressCount = addresses.count { $0 != nil }
        var matches = [AddressMatch?](repeating: nil, count: inputs.count)
        if addressCount > 0 {
            let makeGeocoder = geocoder
            let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, addressCount / Self.addressesPerGeocoder))
            let failures = Failures()
            matches.withUnsafeMutableBufferPointer { buffer in
                // Each worker writes its own slice.
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    do {
                        let geocoder = try makeGeocoder()
                        for index in inputs.count * worker / workers..<inputs.count * (worker + 1) / workers {
                            if let address = addresses[index] { slots[index] = geocoder.locate(address: address) }
                        }
                    } catch {
                        failures.add(error)
                    }
                }
            }
            if let error = failures.first { throw error }
        }
        return try zip(inputs, matches).map { try place($0, geocoded: $1) }
    }

    /// Addresses that pay for one more geocoder (1.6 s to build, about 20 µs an address).
    static let addressesPerGeocoder = 200_000

    /// The errors of `place(_:)`'s threads.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [Error] = []
        func add(_ error: Error) { lock.withLock { errors.append(error) } }
        var first: Error? { lock.withLock { errors.first } }
    }

    /// The placement of one row, or the reason it cannot be placed.
    /// - Parameter geocoded: what the geocoder made of the row's `geocodingText` (nil exactly
    ///   when it has none).
    private mutating func place(_ input: ProjectInput, geocoded: AddressMatch?) throws -> Result<Placement, PlacementProblem> {
        switch input.place {
        case .point(let point, let precision):
            return .success(Placement(location: point, precision: precision))
        case .code(let code):
            return try unitPlacement(code.code5, declared: true, note: nil)
        case .address(let address):
            return try placeAddress(geocoded!, declared: input.attributes.declaredCode, what: "address '\(address)'")
        case .names(let prefecture, let municipality):
            // Names never give a town: the municipality is what is asked for, no note.
            return try placeAddress(geocoded!, declared: input.attributes.declaredCode, what: "municipality '\(prefecture + municipality)'").map {
                var placement = $0
                placement.note = nil
                return placement
            }
        }
    }

    /// Representative points of the units the rows named, computed once per unit.
    private mutating func representativePoint(of code: String) throws -> Coordinate? {
        if let point = points[code] { return point }
        let carried = unitIDs[code] == nil ? reference.codeChanges.sameTerritory(code) : code
        guard let code = carried, let (level, id) = unitIDs[code],
              let unit = try store.units(level, ids: [id]).first else { return nil }
        let context = GEOSContext()
        let inside = try GEOSGeometry(unit.geometry, context: context).pointOnSurface().value()
        guard case .point(let point) = inside else { return nil }
        points[code] = point
        return point
    }

    private mutating func unitPlacement(_ code5: String, declared: Bool, note: String?) throws -> Result<Placement, PlacementProblem> {
        guard let point = try representativePoint(of: code5) else {
            return .failure(PlacementProblem(reason: "code \(code5): no unit of the boundaries has it\(declared ? "" : " (from the address)")"))
        }
        return .success(Placement(location: point, precision: .municipality,
                                  unitIsDesignatedCity: reference.designatedCity(code5: code5) != nil, note: note))
    }

    /// The placement of a row from what its address (or names, `what`) geocoded to.
    private mutating func placeAddress(_ match: AddressMatch, declared: MunicipalityCode?, what: String) throws -> Result<Placement, PlacementProblem> {
        switch match {
        case .town(_, _, let point):
            return .success(Placement(location: point, precision: .address))
        case .municipality(let code5, let note):
            return try unitPlacement(code5, declared: false, note: note)
        case .ambiguous(let codes, let reason):
            // The declared code settles it when it is one of the candidates.
            if let declared, let code = codes.first(where: { reference.codeChanges.isConsistent(declared: declared.code5, located: $0) }) {
                return try unitPlacement(code, declared: true, note: "\(what) is ambiguous (\(reason)); placed by the declared code")
            }
            return .failure(PlacementProblem(reason: "\(what): ambiguous, \(reason) (candidates \(codes.joined(separator: ", "))); add the prefecture or a code"))
        case .unmatched(let reason):
            return .failure(PlacementProblem(reason: "\(what): \(reason)"))
        }
    }
}

/// Why a row could not be placed (its rejection's reason).
struct PlacementProblem: Error {
    let reason: String
}

private extension ProjectPlace {
    /// The text the geocoder is asked about: the address, or the prefecture and municipality
    /// names together; nil for rows placed by coordinates or code.
    var geocodingText: String? {
        switch self {
        case .address(let address): address
        case .names(let prefecture, let municipality): prefecture + municipality
        case .point, .code: nil
        }
    }
}
