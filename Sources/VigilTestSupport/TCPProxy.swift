import Foundation

/// A TCP forwarder on loopback for fault tests: connections to ``port`` are relayed to a target
/// until ``cut()`` drops the listener and every relayed connection at once (as a database that
/// goes away would), and ``restore()`` listens again on the same port.
public final class TCPProxy: @unchecked Sendable {
    /// The loopback port to connect to instead of the target.
    public private(set) var port: UInt16 = 0
    private let targetHost: String
    private let targetPort: UInt16
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var open: Set<Int32> = []

    /// Starts relaying to `host:port` (an IPv4 address) from an ephemeral loopback port.
    public init(to host: String, port: UInt16) throws {
        targetHost = host
        targetPort = port
        try listen()
    }

    deinit { cut() }

    /// Drops the listener and every relayed connection.
    public func cut() {
        lock.lock()
        defer { lock.unlock() }
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            listener = -1
        }
        for socket in open { shutdown(socket, Int32(SHUT_RDWR)) }
        open.removeAll()
    }

    /// Listens again on the same port.
    public func restore() throws { try listen() }

    private func listen() throws {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.address("127.0.0.1", port)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, Foundation.listen(socket, 64) == 0 else {
            close(socket)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        lock.lock()
        listener = socket
        port = UInt16(bigEndian: actual.sin_port)
        lock.unlock()
        Thread.detachNewThread { [self] in acceptLoop(socket) }
    }

    private func acceptLoop(_ socket: Int32) {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            let server = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.address(targetHost, targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(server)
                continue
            }
            lock.lock()
            open.formUnion([client, server])
            lock.unlock()
            Thread.detachNewThread { [self] in pump(from: client, to: server) }
            Thread.detachNewThread { [self] in pump(from: server, to: client) }
        }
    }

    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { break }
                sent += written
            }
            guard sent == count else { break }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
        // Each socket is the source of exactly one pump, which closes it.
        lock.lock()
        open.remove(source)
        lock.unlock()
        close(source)
    }

    private static func address(_ host: String, _ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }
}
