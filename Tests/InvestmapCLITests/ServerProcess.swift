import Foundation
import TestSupport
import XCTest

/// The real `investmap serve` as a child process on a free port (`--port 0`; the port is read
/// from the line it prints when listening). Its standard error (the request log) is kept.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errors = DataBox()
    private let errorsDone = DispatchGroup()

    init(arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(ServiceFixture.environment) { $1 }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        errorsDone.enter()
        let box = errors, group = errorsDone
        DispatchQueue.global().async {
            box.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        // The first line says where it listens.
        var line = Data()
        while !line.contains(10) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "listening on http://127.0.0.1:"),
              let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
            process.terminate()
            errorsDone.wait()
            throw RawHTTP.Failure(description: "investmap serve did not start: \(text) \(String(decoding: errors.data, as: UTF8.self))")
        }
        self.port = port
    }

    /// Sends SIGTERM and waits for the exit; the exit status and everything logged.
    func stop() -> (status: Int32, log: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        errorsDone.wait()
        return (process.terminationStatus, String(decoding: errors.data, as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
