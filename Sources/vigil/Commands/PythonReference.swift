import ArgumentParser
import Foundation

/// A reference implementation in Python that a benchmark runs side by side with Vigil: a script that
/// prints one JSON object on standard output.
struct PythonReference {
    /// The Python interpreter (found on PATH when not a path).
    var python: String
    /// The script.
    var script: String
    /// What to install when the script fails, for the error message.
    var installHint: String

    /// Runs the script with `arguments` and returns its JSON report.
    /// - Throws: `ValidationError` naming the script and the install hint when it fails or prints no JSON object.
    func run(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationError("the reference (\(python) \(script) \(arguments.joined(separator: " "))) failed; \(installHint)")
        }
        return report
    }
}
