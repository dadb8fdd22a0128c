import Foundation

/// A hand-driven SMTP server in Python on 127.0.0.1, for what aiosmtpd cannot be made to do:
/// `inject` answers STARTTLS with a forged reply appended (the command-injection attack);
/// `starttls` upgrades for real with a certificate made for the test and takes one message.
/// What it saw after the STARTTLS answer is written to `log`.
final class ScriptedSMTPServer: @unchecked Sendable {
    let port: Int
    let folder: URL
    var log: URL { folder.appendingPathComponent("log.txt") }
    var certificate: URL { folder.appendingPathComponent("cert.pem") }
    private let process: Process

    static let script = #"""
import socket, ssl, subprocess, sys, os
mode, port, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], check=True, capture_output=True)
log = open(os.path.join(folder, "log.txt"), "w")
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port)); server.listen(1)
open(os.path.join(folder, "ready"), "w").close()
conn, _ = server.accept()
def lines(sock):
    data = b""
    while True:
        while b"\r\n" in data:
            line, data = data.split(b"\r\n", 1)
            yield line.decode("utf-8", "replace")
        chunk = sock.recv(4096)
        if not chunk: return
        data += chunk
conn.sendall(b"220 test ESMTP\r\n")
reader = lines(conn)
for line in reader:
    verb = line.split(" ")[0].upper()
    if verb == "EHLO": conn.sendall(b"250-test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n")
    elif verb == "STARTTLS": break
    else: conn.sendall(b"502 no\r\n")
if mode == "inject":
    conn.sendall(b"220 go ahead\r\n250 forged\r\n")
    conn.settimeout(3)
    try:
        seen = conn.recv(4096)
        log.write("after:" + ("tls" if seen[:1] == b"\x16" else seen.decode("utf-8", "replace")) + "\n")
    except Exception as e:
        log.write("after:nothing\n")
    log.close(); sys.exit(0)
conn.sendall(b"220 go ahead\r\n")
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); context.load_cert_chain(cert, key)
tls = context.wrap_socket(conn, server_side=True)
log.write("tls:" + tls.version() + "\n"); log.flush()
reader = lines(tls)
for line in reader:
    verb = line.split(" ")[0].upper()
    log.write("cmd:" + verb + "\n"); log.flush()
    if verb == "EHLO": tls.sendall(b"250-test\r\n250 AUTH PLAIN\r\n")
    elif verb == "AUTH": tls.sendall(b"235 ok\r\n")
    elif verb in ("MAIL", "RCPT"): tls.sendall(b"250 ok\r\n")
    elif verb == "DATA":
        tls.sendall(b"354 go\r\n")
        for body in reader:
            if body == ".": break
        log.write("message\n"); tls.sendall(b"250 queued\r\n")
    elif verb == "QUIT": tls.sendall(b"221 bye\r\n"); break
log.close()
"""#

    init(mode: String) async throws {
        port = LoopbackSMTPServer.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rebalance-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, mode, String(port), folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("ready").path) { return }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SMTPServerError(message: "the scripted SMTP server did not start (python3 and openssl are needed)")
    }

    /// Waits for the server to finish its one conversation, then returns its log lines.
    func finish() async throws -> [String] {
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate() }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: folder)
        return text.split(separator: "\n").map(String.init)
    }
}
