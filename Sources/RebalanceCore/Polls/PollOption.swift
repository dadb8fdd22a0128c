import Foundation

/// Names one option of one poll on a ballot. Kept apart from labels so that correcting a typo
/// in a label never changes what anyone voted for.
public struct PollOptionID: Hashable, Comparable, Sendable, Codable, CodingKeyRepresentable,
                            ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (a: PollOptionID, b: PollOptionID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var codingKey: CodingKey { PollOptionKey(stringValue: rawValue) }
    public init?<T: CodingKey>(codingKey: T) { self.rawValue = codingKey.stringValue }

    private struct PollOptionKey: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

/// A time a meeting could be held, for meeting-time polls.
public struct PollTimeSlot: Hashable, Sendable, Codable {
    public let startsAt: Date
    /// Nil when the poll gives no length.
    public let endsAt: Date?

    public init(startsAt: Date, endsAt: Date?) {
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// One thing people can choose in a poll.
public struct PollOption: Hashable, Sendable, Codable, Identifiable {
    public let id: PollOptionID
    public let label: String
    /// Set for meeting-time polls only.
    public let slot: PollTimeSlot?

    public init(id: PollOptionID, label: String, slot: PollTimeSlot? = nil) {
        self.id = id
        self.label = label
        self.slot = slot
    }
}
