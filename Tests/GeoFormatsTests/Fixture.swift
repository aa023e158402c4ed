import Foundation
import GeoFormats
import XCTest

/// Reading helpers shared by the test cases.
enum Fixture {
    /// Every feature of `url` and the summaries.
    static func readAll(_ url: URL) throws -> (features: [SourceFeature], summaries: [SourceSummary]) {
        var features: [SourceFeature] = []
        let summaries = try BoundarySource.read(url) { features.append($0) }
        return (features, summaries)
    }

    /// The `FormatError` that reading `url` throws; fails the test if it throws none or another error.
    static func formatError(_ url: URL, file: StaticString = #filePath, line: UInt = #line) -> FormatError? {
        do {
            _ = try readAll(url)
            XCTFail("expected a FormatError for \(url.lastPathComponent)", file: file, line: line)
        } catch let error as FormatError {
            return error
        } catch {
            XCTFail("expected a FormatError, got \(error)", file: file, line: line)
        }
        return nil
    }

    /// Every feature of `url`, read with the given chunk size (tiny chunks exercise refills).
    static func readFeatures(_ url: URL, chunkSize: Int) throws -> [SourceFeature] {
        var features: [SourceFeature] = []
        _ = try BoundarySource.read(url, chunkSize: chunkSize) { features.append($0) }
        return features
    }

    /// A FeatureCollection of `count` small square features, one per line.
    static func squares(_ count: Int) -> String {
        let features = (0..<count).map { i in
            let x = Double(i)
            return #"{"type":"Feature","properties":{"code":"\#(i)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),0],[\#(x + 1),0],[\#(x + 1),1],[\#(x),1],[\#(x),0]]]}}"#
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}
