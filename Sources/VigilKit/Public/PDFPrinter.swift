import Foundation

/// Prints an HTML page to PDF with headless Chromium (Debian package `chromium`), for notices a health
/// department hands out on paper.
public enum PDFPrinter {
    /// A PDF that could not be made: what is missing or what went wrong.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Chromium's path, if installed.
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes `html` as a PDF at `path`.
    /// - Throws: ``Failure`` when Chromium is not installed or does not write a PDF.
    public static func print(html: String, to path: String) throws {
        guard let chromium else {
            throw Failure(message: "printing to PDF needs Chromium (apt-get install chromium); or write --format html and print it from a browser")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("notice.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let output = URL(fileURLWithPath: path).standardizedFileURL
        try? FileManager.default.removeItem(at: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard let head = FileManager.default.contents(atPath: output.path)?.prefix(5), head.elementsEqual("%PDF-".utf8) else {
            throw Failure(message: "Chromium did not write a PDF to \(path) (exit status \(process.terminationStatus))")
        }
    }
}
