import Foundation

/// A real SMTP server on 127.0.0.1 (Python's aiosmtpd) that stores what it receives in a Maildir.
final class LoopbackSMTPServer: @unchecked Sendable {
    let port: Int
    let maildir: URL
    private let process: Process

    init(port chosen: Int? = nil) async throws {
        port = chosen ?? Self.freePort()
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-maildir-\(UUID().uuidString)")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Wait until it accepts connections.
        for _ in 0..<100 {
            if Self.canConnect(port) { return }
            if !process.isRunning {
                let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw SMTPServerError(message: "aiosmtpd did not start (pip install aiosmtpd): \(text)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw SMTPServerError(message: "aiosmtpd did not start listening on port \(port)")
    }

    /// The raw messages received so far.
    func received() throws -> [String] {
        let folder = maildir.appendingPathComponent("new")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.sorted().map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Stops the server without `waitUntilExit`, which spins forever off the main thread on Linux;
    /// aiosmtpd may also ignore SIGTERM while a session is open, so it gets SIGKILL after a wait.
    func stop() {
        process.terminate()
        if !Self.waitForExit(process, seconds: 3) {
            kill(process.processIdentifier, SIGKILL)
            _ = Self.waitForExit(process, seconds: 3)
        }
        try? FileManager.default.removeItem(at: maildir)
    }

    private static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

struct SMTPServerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
