import NIOCore
import NIOSSL

/// Switches an SMTP connection to TLS at the exact byte where the server's `220` answer to
/// STARTTLS ends, on the event loop, before anything after it can be read as plain text.
///
/// Why: a machine in the middle can append forged replies (`250 AUTH PLAIN`, say) to the
/// plain-text `220`; a client that switches later reads them as if they came over TLS
/// (the STARTTLS command-injection flaw). Anything the server sends after its `220` and before
/// the handshake is therefore refused, and the connection closed.
final class StartTLSGuard: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let tampering = MailSendError.connection(
        "the server sent more after agreeing to STARTTLS, which is how a forged reply would be slipped in; the connection was closed")

    private enum State { case plain, awaitingReady(ByteBuffer), encrypted, failed }
    private var state = State.plain
    private let makeTLSHandler: () throws -> NIOSSLClientHandler

    init(makeTLSHandler: @escaping () throws -> NIOSSLClientHandler) {
        self.makeTLSHandler = makeTLSHandler
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .plain = state {
            let bytes = unwrapOutboundIn(data).readableBytesView
            if bytes.count >= 8, String(decoding: bytes.prefix(8), as: UTF8.self).uppercased() == "STARTTLS" {
                state = .awaitingReady(context.channel.allocator.buffer(capacity: 64))
            }
        }
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .plain, .encrypted: context.fireChannelRead(data)
        case .failed: return
        case .awaitingReady(var held):
            var incoming = unwrapInboundIn(data)
            held.writeBuffer(&incoming)
            guard let (end, code) = Self.endOfReply(in: held) else {
                state = .awaitingReady(held)
                return
            }
            if held.readableBytes > end {
                state = .failed
                context.fireErrorCaught(Self.tampering)
                context.close(promise: nil)
                return
            }
            if code == 220 {
                do {
                    try context.pipeline.syncOperations.addHandler(try makeTLSHandler(), position: .first)
                } catch {
                    state = .failed
                    context.fireErrorCaught(error)
                    context.close(promise: nil)
                    return
                }
                state = .encrypted
            } else {
                state = .plain
            }
            context.fireChannelRead(wrapInboundOut(held))
            // The read-complete that follows this read now passes through the TLS handler, which
            // holds it back as it carried no TLS data; the reply would sit unread behind it.
            context.fireChannelReadComplete()
        }
    }

    /// Where the last line of a whole reply ends (after its CRLF), and the reply's code.
    static func endOfReply(in buffer: ByteBuffer) -> (Int, Int)? {
        let bytes = Array(buffer.readableBytesView)
        var lineStart = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "\r"), bytes[i + 1] == UInt8(ascii: "\n") {
                let line = bytes[lineStart..<i]
                let isLast = line.count <= 3 || line[line.startIndex + 3] == UInt8(ascii: " ")
                if isLast {
                    let code = Int(String(decoding: line.prefix(3), as: UTF8.self)) ?? 0
                    return (i + 2, code)
                }
                lineStart = i + 2
                i += 2
                continue
            }
            i += 1
        }
        return nil
    }
}
