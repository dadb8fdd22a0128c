import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RebalanceCore

/// Why a send failed, and whether trying again later could help.
enum MailSendError: Error, CustomStringConvertible {
    case refused(code: Int, text: String, during: String)
    case connection(String)
    case timedOut

    /// 5xx answers are final (no such mailbox, message refused); everything else may pass later.
    var isPermanent: Bool {
        if case .refused(let code, _, _) = self { return code >= 500 }
        return false
    }

    var description: String {
        switch self {
        case .refused(let code, let text, let during): return "the mail server answered \(code) to \(during): \(text)"
        case .connection(let reason): return "could not talk to the mail server: \(reason)"
        case .timedOut: return "the mail server did not answer in time"
        }
    }
}

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per message, plain, STARTTLS or TLS.
struct SMTPClient: Sendable {
    let settings: MailSettings.SMTP
    let group: any EventLoopGroup
    var timeout: Duration = .seconds(60)
    var heloName = "rebalance.local"

    func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await self.converse(message) }
            tasks.addTask {
                try await Task.sleep(for: self.timeout)
                throw MailSendError.timedOut
            }
            defer { tasks.cancelAll() }
            try await tasks.next()
        }
    }

    private func converse(_ message: MailMessage) async throws {
        let host = settings.host
        let implicitTLS = settings.security == .tls
        let startTLS = settings.security == .startTLS
        // An IP address is checked against the certificate's addresses, not sent as a server name.
        let serverName: String? = host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if let roots = settings.trustRootsFile { tlsConfiguration.trustRoots = .file(roots) }
        let tlsContext = try NIOSSLContext(configuration: tlsConfiguration)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(15))
                .connect(host: host, port: settings.port) { ch in
                    ch.eventLoop.makeCompletedFuture {
                        if implicitTLS {
                            try ch.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tlsContext, serverHostname: serverName))
                        } else if startTLS {
                            try ch.pipeline.syncOperations.addHandler(StartTLSGuard {
                                try NIOSSLClientHandler(context: tlsContext, serverHostname: serverName)
                            })
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch)
                    }
                }
        } catch {
            throw MailSendError.connection("\(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func command(_ line: String, expect codes: Set<Int>, during: String? = nil) async throws -> SMTPReply {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await replies.next(expect: codes, during: during ?? line)
            }

            _ = try await replies.next(expect: [220], during: "the greeting")
            var hello = try await command("EHLO \(heloName)", expect: [250])
            if settings.security == .startTLS {
                guard hello.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw MailSendError.connection("the server does not offer STARTTLS, and the configuration asks for it")
                }
                // Nothing may be waiting unread before the switch: it would have come in the clear.
                guard replies.pending.isEmpty else { throw StartTLSGuard.tampering }
                _ = try await command("STARTTLS", expect: [220])
                // The guard switched to TLS where the 220 ended; a 220 read before then was not the server's answer.
                guard replies.pending.isEmpty,
                      (try? await channel.channel.pipeline.handler(type: NIOSSLClientHandler.self).get()) != nil else {
                    throw StartTLSGuard.tampering
                }
                hello = try await command("EHLO \(heloName)", expect: [250])
            }
            if let user = settings.username {
                let encrypted = settings.security != .none
                let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
                guard encrypted || loopback else {
                    throw MailSendError.connection("refusing to send the SMTP password over an unencrypted connection: use security=starttls or smtps://")
                }
                let auth = hello.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                let password = settings.password ?? ""
                if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                    let token = Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString()
                    _ = try await command("AUTH PLAIN \(token)", expect: [235], during: "AUTH PLAIN")
                } else {
                    _ = try await command("AUTH LOGIN", expect: [334])
                    _ = try await command(Data(user.utf8).base64EncodedString(), expect: [334], during: "the user name")
                    _ = try await command(Data(password.utf8).base64EncodedString(), expect: [235], during: "the password")
                }
            }
            _ = try await command("MAIL FROM:<\(message.from.email)>", expect: [250])
            _ = try await command("RCPT TO:<\(message.to.email)>", expect: [250, 251])
            _ = try await command("DATA", expect: [354])
            try await outbound.write(ByteBuffer(string: SMTPClient.dotStuffed(message.rendered()) + "\r\n.\r\n"))
            _ = try await replies.next(expect: [250], during: "the message")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// A line that starts with a dot gets a second one, so it cannot end the message early.
    static func dotStuffed(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}

struct SMTPReply {
    let code: Int
    let lines: [String]
}

/// Reads whole replies (one or more `NNN-text` lines ending with `NNN text`) from the connection.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next(expect codes: Set<Int>, during: String) async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            while let range = pending.range(of: "\r\n") {
                let line = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                guard line.count >= 3, let code = Int(line.prefix(3)) else {
                    throw MailSendError.connection("the server sent something that is not SMTP: \(line.prefix(80))")
                }
                lines.append(String(line.dropFirst(4)))
                let isLast = line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " "
                if isLast {
                    guard codes.contains(code) else {
                        // Don't echo credentials back into logs.
                        let shown = during.hasPrefix("AUTH") ? "AUTH" : during
                        throw MailSendError.refused(code: code, text: lines.joined(separator: " "), during: shown)
                    }
                    return SMTPReply(code: code, lines: lines)
                }
            }
            guard var buffer = try await iterator.next() else {
                throw MailSendError.connection("the server closed the connection during \(during)")
            }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
        }
    }
}
