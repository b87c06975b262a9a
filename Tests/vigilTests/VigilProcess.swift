import Foundation
import VigilTestSupport

/// Runs the built `vigil` executable, as a user would.
struct VigilProcess {
    /// The result of one run.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `vigil` executable next to the test bundle in the build folder.
    static let executable: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("vigil")

    /// Starts `vigil` with arguments, without waiting.
    static func start(_ arguments: [String], in folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `vigil` with arguments in a folder and waits for it.
    static func run(_ arguments: [String], in folder: URL) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let error = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: error.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: error)
        }
        return Result(
            status: process.terminationStatus, standardOutput: try String(contentsOf: output, encoding: .utf8),
            standardError: try String(contentsOf: error, encoding: .utf8))
    }
}
