import Foundation

/// What kind of published thing an item is; digests group items by it.
public enum DigestItemKind: String, CaseIterable, Codable, Sendable {
    /// A council officer or councillor has left or joined (the report: tell the community of
    /// staff changes in good time). Listed first in digests.
    case staffChange = "staff_change"
    /// A meeting scheduled, moved or cancelled.
    case meeting
    /// Minutes published.
    case minutes
    /// A news post.
    case update

    /// Heading of the digest section.
    public var sectionHeading: String {
        switch self {
        case .staffChange: return "Changes of council contact"
        case .meeting: return "Meetings"
        case .minutes: return "Minutes"
        case .update: return "News"
        }
    }

    /// Word before the title in the subject of a message about one item.
    public var subjectPrefix: String {
        switch self {
        case .staffChange: return "Change of contact"
        case .meeting: return "Meeting"
        case .minutes: return "Minutes"
        case .update: return "News"
        }
    }
}

/// Something the partnership published that stakeholders should hear about.
public struct DigestItem: Hashable, Sendable, Identifiable {
    /// Unique across kinds: the store's id of the post, meeting change or minutes.
    public let id: UUID
    public var kind: DigestItemKind
    public var title: String
    /// A sentence or two, plain text.
    public var summary: String?
    /// Its page, absolute; the message links to it.
    public var url: String?
    /// The UK day it was published: decides which digest it belongs to.
    public var publishedOn: Day

    public init(id: UUID, kind: DigestItemKind, title: String, summary: String? = nil, url: String? = nil, publishedOn: Day) {
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.url = url
        self.publishedOn = publishedOn
    }
}

/// One stakeholder's side of the plan, as the planner needs it.
public struct DigestRecipient: Hashable, Sendable {
    public var level: ContactLevel
    public var channel: ContactChannel
    /// Since when they have been at this level (when they joined the plan or last changed
    /// level): nothing published before it is sent, so a newcomer is not sent the archive.
    public var since: Day
    /// The day their last monthly digest or quarterly summary went out, if ever.
    public var lastDigestOn: Day?
    /// Every item already sent to them, at any level: never sent again.
    public var alreadySent: Set<UUID>

    public init(level: ContactLevel, channel: ContactChannel, since: Day, lastDigestOn: Day? = nil, alreadySent: Set<UUID> = []) {
        self.level = level
        self.channel = channel
        self.since = since
        self.lastDigestOn = lastDigestOn
        self.alreadySent = alreadySent
    }
}
