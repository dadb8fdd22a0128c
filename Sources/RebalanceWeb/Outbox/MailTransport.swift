import Foundation
import NIOCore
import RebalanceCore

/// Hands a finished message to the world.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
    var description: String { get }
}

extension SMTPClient: MailTransport {
    var description: String { "SMTP \(settings.host):\(settings.port)" }
}

/// Without a mail server, messages are written as `.eml` files (readable by any mail program).
struct FolderTransport: MailTransport {
    let directory: String
    var description: String { "the folder \(directory)" }

    func send(_ message: MailMessage) async throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: message.date).replacingOccurrences(of: ":", with: "")
        let name = "\(stamp)-\(message.messageID.split(separator: "@")[0]).eml"
        // Written under a temporary name then moved, so a reader never sees half a message.
        let temporary = folder.appendingPathComponent("." + name + ".part")
        try Data(message.rendered().utf8).write(to: temporary)
        let final = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: final)
        try FileManager.default.moveItem(at: temporary, to: final)
    }
}
