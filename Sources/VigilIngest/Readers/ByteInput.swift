import Foundation

/// A source of bytes read in chunks, so that readers never hold a whole file in memory.
public protocol ByteInput {
    /// Reads up to `buffer.count` bytes into the start of `buffer`.
    /// - Returns: The number of bytes read; 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes from a file, read with POSIX `read(2)`.
public final class FileInput: ByteInput {
    private let descriptor: Int32
    /// The path the input was opened from.
    public let path: String

    /// Opens a file for reading.
    /// - Throws: ``IngestError`` `cannotRead` when the file does not exist or cannot be opened.
    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw IngestError(code: .cannotRead, origin: path, message: "'\(path)' is a directory; give a file")
        }
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw IngestError(
                code: .cannotRead, origin: path,
                message: "cannot open '\(path)': \(String(cString: strerror(errno))). Check the path.")
        }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw IngestError(
                code: .cannotRead, origin: path, message: "reading '\(path)' failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// Bytes held in memory, for small inputs such as an HTTP request body or a test case.
public struct MemoryInput: ByteInput {
    private let bytes: [UInt8]
    private var offset = 0

    /// Wraps bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    /// Wraps the UTF-8 encoding of text.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
        }
        offset += count
        return count
    }
}
