import ArgumentParser
import BoundaryImport
import BoundaryStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every stored geometry with GEOS and print the counts per layer."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try self.store.open(readOnly: true)
        let results = try StoreCheck.run(store)
        var invalidTotal = 0
        for r in results {
            print("\(store.tableName(r.level, scale: r.scale)): \(r.units) units, \(r.vertices) vertices, invalid \(r.invalid.count)")
            for (code, problem) in r.invalid { print("  \(code): \(problem)") }
            invalidTotal += r.invalid.count
        }
        print("invalid \(invalidTotal)")
        if invalidTotal > 0 { throw ExitCode.failure }
    }
}
