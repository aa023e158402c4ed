import Foundation
import GeoFormats

/// One old unit's part in a change of the 全国地方公共団体コード (a row of
/// `GeoData/code_changes.csv`): on `date` the unit `oldCode` went wholly into the one unit of
/// `newCodes`, or was split between them.
public struct CodeChange: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case merger, absorption, townToCity = "town_to_city", villageToTown = "village_to_town", rename
        case wardReorganisation = "ward_reorganisation", designatedCity = "designated_city"
    }

    public enum Relation: String, Sendable {
        /// The old unit went entirely into the single new unit.
        case whole
        /// The old unit was divided between the new units.
        case split
    }

    /// ISO date (YYYY-MM-DD) the change took effect.
    public var date: String
    public var kind: Kind
    public var oldCode: String
    /// As N03 writes it, with the prefecture ("静岡県浜松市北区").
    public var oldName: String
    /// In code order; one for `.whole`.
    public var newCodes: [String]
    public var newNames: [String]
    public var relation: Relation
    public var source: String
    /// The line in the file, for messages.
    public var line: Int

    public init(date: String, kind: Kind, oldCode: String, oldName: String, newCodes: [String], newNames: [String],
                relation: Relation, source: String, line: Int) {
        self.date = date
        self.kind = kind
        self.oldCode = oldCode
        self.oldName = oldName
        self.newCodes = newCodes
        self.newNames = newNames
        self.relation = relation
        self.source = source
        self.line = line
    }
}

/// Where a unit of one vintage stands at a later date (`CodeChanges.carry`).
public enum CarriedCode: Sendable, Equatable {
    /// Wholly inside the unit with this code (its own, when nothing changed).
    case whole(String)
    /// Divided between these units: its figures cannot be given to one of them.
    case split([String])
}

/// The changes of municipal codes since 2015 (`GeoData/code_changes.csv`): mergers, renames,
/// promotions and ward reorganisations, each with its date, old and new codes and whether the
/// old unit went wholly into one new unit or was split. It lets a code of any vintage be
/// understood (a ledger row declaring 浜松市中央区 22138 lies in old 中区 22131: consistent) and
/// carries a vintage's units to the codes in force at a later date.
public struct CodeChanges: Sendable {
    public static let file = "code_changes.csv"
    public static let columns = ["date", "kind", "old_code", "old_name", "new_codes", "new_names", "relation", "source"]

    /// By date, then old code.
    public let changes: [CodeChange]
    private let byOldCode: [String: [CodeChange]]
    private let byNewCode: [String: [CodeChange]]

    /// - Throws: `DataFileError` for two rows of the same old code and date.
    public init(changes: [CodeChange]) throws {
        self.changes = changes.sorted { ($0.date, $0.oldCode) < ($1.date, $1.oldCode) }
        var byOld: [String: [CodeChange]] = [:], byNew: [String: [CodeChange]] = [:]
        for change in self.changes {
            if byOld[change.oldCode]?.contains(where: { $0.date == change.date }) == true {
                throw DataFileError(source: Self.file, line: change.line,
                                    reason: "old_code \(change.oldCode) changes twice on \(change.date)")
            }
            byOld[change.oldCode, default: []].append(change)
            for code in change.newCodes { byNew[code, default: []].append(change) }
        }
        byOldCode = byOld
        byNewCode = byNew
    }

    /// Whether `text` is an ISO date YYYY-MM-DD (years 1900–2099), as the table's dates and
    /// `--codes-as-of` are written.
    public static func isISODate(_ text: String) -> Bool {
        text.wholeMatch(of: /(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/) != nil
    }

    /// No changes (tables assembled in tests).
    public static let none = try! CodeChanges(changes: [])

    /// Every code the table names, old or new.
    public var codes: Set<String> {
        Set(changes.flatMap { [$0.oldCode] + $0.newCodes })
    }

    /// The first date of the table, nil when it is empty.
    public var earliestDate: String? { changes.first?.date }

    /// Whether a row declaring `declared` and lying in the unit `located` (of any vintage) is
    /// consistent: the same code, or one the located unit became or came from through the
    /// changes, at any date, directly or in steps.
    public func isConsistent(declared: String, located: String) -> Bool {
        declared == located || related(located).contains(declared)
    }

    /// The code of the same territory in another vintage: the one unit `code` went into whole,
    /// when nothing else went into it (浜松市天竜区 22137 → 22140), or the one unit that went
    /// whole into `code` and nothing else did. nil when there is none or more than one.
    public func sameTerritory(_ code: String) -> String? {
        if let forward = byOldCode[code], forward.count == 1, forward[0].relation == .whole,
           let next = forward[0].newCodes.first, next != code, byNewCode[next]?.count == 1 {
            return next
        }
        if let backward = byNewCode[code], backward.count == 1, backward[0].relation == .whole, backward[0].oldCode != code,
           byOldCode[backward[0].oldCode]?.count == 1 {
            return backward[0].oldCode
        }
        return nil
    }

    /// The codes `code` became (successors) or came from (predecessors), transitively, without
    /// `code` itself.
    public func related(_ code: String) -> Set<String> {
        var found: Set<String> = []
        func walk(_ start: String, next: (String) -> [String]) {
            var stack = [start]
            while let current = stack.popLast() {
                for other in next(current) where other != code && found.insert(other).inserted {
                    stack.append(other)
                }
            }
        }
        walk(code) { c in byOldCode[c, default: []].flatMap(\.newCodes) }
        walk(code) { c in byNewCode[c, default: []].map(\.oldCode) }
        return found
    }

    /// Where the unit `code` of a vintage dated `since` stands on `asOf` (both ISO dates): the
    /// changes after `since` up to and including `asOf`, applied in date order. A unit that was
    /// split at any step is `.split` into every unit its parts reached.
    public func carry(_ code: String, since: String, asOf: String) -> CarriedCode {
        var current: Set<String> = [code]
        var split = false
        for change in changes where change.date > since && change.date <= asOf && current.contains(change.oldCode) {
            current.remove(change.oldCode)
            current.formUnion(change.newCodes)
            if change.relation == .split { split = true }
        }
        let sorted = current.sorted()
        return split || sorted.count > 1 ? .split(sorted) : .whole(sorted[0])
    }

    /// The name a change gives `code` (without the prefecture), nil when no change names it.
    public func name(of code: String, prefectureName: String?) -> String? {
        for change in changes.reversed() {
            if let index = change.newCodes.firstIndex(of: code), index < change.newNames.count {
                return Self.shortName(change.newNames[index], prefectureName: prefectureName)
            }
            if change.oldCode == code { return Self.shortName(change.oldName, prefectureName: prefectureName) }
        }
        return nil
    }

    static func shortName(_ name: String, prefectureName: String?) -> String {
        guard let prefectureName, name.hasPrefix(prefectureName), name.count > prefectureName.count else { return name }
        return String(name.dropFirst(prefectureName.count))
    }

    /// Checks the table against the codes a boundary vintage dated `vintageDate` holds: every
    /// old code of a change after that date must be one of them or a new code of an earlier
    /// change after it.
    /// - Throws: `DataFileError` naming the line and the code.
    public func validate(against boundaryCodes: Set<String>, vintage: String, vintageDate: String) throws {
        var known = boundaryCodes
        for change in changes where change.date > vintageDate {
            guard known.contains(change.oldCode) else {
                throw DataFileError(source: Self.file, line: change.line,
                                    reason: "old_code \(change.oldCode) (\(change.oldName)) changed on \(change.date) but is neither in "
                                        + "boundary edition \(vintage) (\(vintageDate)) nor a new code of an earlier change")
            }
            known.formUnion(change.newCodes)
        }
    }

    // MARK: Reading

    /// Reads and checks the table: dates, kinds, 5-digit codes of known prefectures, as many
    /// names as codes, `split` exactly when there are several new codes.
    /// - Throws: `DataFileError` naming the file and line of the first problem.
    static func load(rows: [(line: Int, values: [String])], prefectureCodes: Set<String>) throws -> CodeChanges {
        func fail(_ line: Int, _ reason: String) -> DataFileError { DataFileError(source: file, line: line, reason: reason) }
        func code(_ text: String, _ column: String, _ line: Int) throws -> String {
            guard text.utf8.count == 5, text.allSatisfy({ ("0"..."9").contains($0) }) else {
                throw fail(line, "\(column) \"\(text)\" is not a 5-digit municipal code")
            }
            guard prefectureCodes.contains(String(text.prefix(2))) else {
                throw fail(line, "\(column) \(text): no prefecture \(text.prefix(2))")
            }
            return text
        }
        let changes = try rows.map { line, values -> CodeChange in
            let date = values[0]
            guard isISODate(date) else {
                throw fail(line, "date \"\(date)\" is not an ISO date (YYYY-MM-DD)")
            }
            guard let kind = CodeChange.Kind(rawValue: values[1]) else {
                throw fail(line, "kind \"\(values[1])\" is not one of \(CodeChange.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let old = try code(values[2], "old_code", line)
            let newCodes = try values[4].split(separator: ";").map { try code(String($0), "new_codes", line) }
            let newNames = values[5].split(separator: ";").map(String.init)
            guard !newCodes.isEmpty else { throw fail(line, "new_codes is empty") }
            guard newNames.count == newCodes.count else {
                throw fail(line, "\(newCodes.count) new_codes but \(newNames.count) new_names")
            }
            guard let relation = CodeChange.Relation(rawValue: values[6]) else {
                throw fail(line, "relation \"\(values[6])\" is not whole or split")
            }
            guard (relation == .split) == (newCodes.count > 1) else {
                throw fail(line, relation == .split ? "relation split names one new code" : "relation whole names \(newCodes.count) new codes")
            }
            return CodeChange(date: date, kind: kind, oldCode: old, oldName: values[3], newCodes: newCodes, newNames: newNames,
                              relation: relation, source: values[7], line: line)
        }
        return try CodeChanges(changes: changes)
    }
}
