#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GeoCore
import Ledger
import Reference
import TestSupport
import XCTest

/// Shared helpers of the Reading tests.
enum ReadingFixtures {
    /// The real GeoData tables (plan types, strategic fields) the readers validate against.
    static func reference() throws -> ReferenceTables {
        try ReferenceTables.loadFromDefaultLocation()
    }

    /// `text` encoded as CP932 with glibc's iconv, as Excel on Japanese Windows saves a CSV.
    static func cp932(_ text: String) throws -> [UInt8] {
        let converter = iconv_open("CP932", "UTF-8")
        guard let converter, Int(bitPattern: converter) != -1 else {
            throw TestData.missing("iconv has no CP932 converter on this system (glibc's gconv modules: libc6)")
        }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var written = 0
        var failed = false
        input.withUnsafeMutableBytes { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inputPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inputLeft = inputBuffer.count
                var outputPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outputLeft = outputBuffer.count
                failed = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) == -1
                written = outputBuffer.count - outputLeft
            }
        }
        guard !failed else {
            XCTFail("fixture text cannot be encoded as CP932")
            return []
        }
        return Array(output[..<written])
    }

    /// True when `bytes` contains `sequence`.
    static func contains(_ bytes: [UInt8], _ sequence: [UInt8]) -> Bool {
        guard bytes.count >= sequence.count else { return false }
        return (0...(bytes.count - sequence.count)).contains { Array(bytes[$0..<($0 + sequence.count)]) == sequence }
    }
}

/// The projects of the tests written before the ledger had programmes: the attributes of the
/// coordinate-only layout, located at their point.
extension InvestmentProject {
    init(id: String, name: String, plan: String, field: String?, totalInvestmentJPY: Int64?, jobs: Int?, status: ProjectStatus,
         announced: String?, location: Coordinate, declaredCode: MunicipalityCode?, source: String?) {
        self.init(ProjectAttributes(id: id, name: name, plan: plan, field: field, totalInvestmentJPY: totalInvestmentJPY, jobs: jobs,
                                    status: status, announced: announced, declaredCode: declaredCode, source: source),
                  location: location)
    }
}

extension ProjectInput {
    /// The input row a coordinate-only project was read from.
    init(_ project: InvestmentProject) {
        self.init(project.attributes, place: .point(project.location, project.locationPrecision))
    }
}
