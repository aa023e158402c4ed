import Foundation

/// Where the tests find the repository: its GeoData tables, map specs and the committed test
/// fixtures (`Tests/Fixtures`), located from this file's `#filePath` (symlinks resolved, so a
/// scratch package linking to the test folder still finds the real repository).
public enum TestPaths {
    /// …/Tests/TestSupport/TestPaths.swift → the repository root.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The project's reference tables (`GeoData/`).
    public static let geoData = repositoryRoot.appendingPathComponent("GeoData", isDirectory: true)

    /// The map specifications (`Renderers/`).
    public static let renderers = repositoryRoot.appendingPathComponent("Renderers", isDirectory: true)

    /// The small real data committed for the tests (`Tests/Fixtures/`, see its README): what the
    /// store-based unit tests read, so they run without the shared folder.
    public static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures", isDirectory: true)

    /// A file of `Tests/Fixtures`; a missing one fails the test (it is committed: never a skip).
    public static func fixture(_ name: String) throws -> URL {
        let url = fixtures.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingTestData(description: "the committed fixture \(url.path) is missing (regenerate it with Scripts/make_test_fixture.py)")
        }
        return url
    }
}
