import Foundation

/// A message the planner decided to send: everything but the addressing and the
/// unsubscribe / change-preferences link, which carry tokens and are the web layer's to add.
public struct DigestMessage: Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// One item, sent as soon as it was published (close contacts).
        case immediate
        case monthlyDigest = "monthly_digest"
        case quarterlySummary = "quarterly_summary"
    }

    public let kind: Kind
    public let channel: ContactChannel
    public let subject: String
    /// One line to open the message with.
    public let introduction: String
    /// Non-empty, in a fixed order (staff changes, meetings, minutes, news).
    public let sections: [DigestSection]
    /// The days the message covers, for digests and summaries.
    public let covers: ClosedRange<Day>?

    /// Every item in the message: record them as sent to this recipient, in the same
    /// transaction that queues the message.
    public var itemIDs: [UUID] { sections.flatMap { $0.items.map(\.id) } }

    /// Whether sending it should set the recipient's `lastDigestOn` to today.
    public var isDigest: Bool { kind != .immediate }
}

public struct DigestSection: Hashable, Sendable {
    public let kind: DigestItemKind
    public let heading: String
    /// Oldest first.
    public let items: [DigestItem]
}

extension DigestMessage {
    /// The message as plain text for e-mail: the introduction, then each section's items with
    /// their summaries and links.
    public var plainText: String {
        var lines = [introduction, ""]
        for section in sections {
            lines.append(section.heading.uppercased())
            lines.append("")
            for item in section.items {
                lines.append("* \(item.title) (\(item.publishedOn.readable))")
                if let summary = item.summary, !summary.isEmpty { lines.append("  \(summary)") }
                if let url = item.url { lines.append("  \(url)") }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
