import FluentKit
import Foundation
import RebalanceCore

/// Absolute addresses of decision pages, for e-mail. The web layer knows the URLs.
public struct DecisionLinks: Sendable {
    public var proposal: @Sendable (UUID) -> String
    public var poll: @Sendable (UUID) -> String
    public var decision: @Sendable (UUID) -> String
    public init(proposal: @escaping @Sendable (UUID) -> String, poll: @escaping @Sendable (UUID) -> String,
                decision: @escaping @Sendable (UUID) -> String) {
        self.proposal = proposal; self.poll = poll; self.decision = decision
    }
}

/// The e-mail a proposal or poll sends: when it opens, a day before it closes to those who have
/// not taken part, and when it closes. Each is queued in the transaction of the change it
/// reports, with a dedupe key naming the event and the person, so nobody gets one twice.
enum DecisionNotices {
    enum Event: String {
        case opened = "open"
        case reminder
        case closed
    }

    static func queue(_ event: Event, subjectKind: String, subjectID: UUID, partnership: PartnershipRecord, to people: [UUID],
                      subject: String, body: (PersonRecord) -> String, on db: any Database) async throws {
        let found = try await DecisionQueries.people(people, on: db)
        for id in people.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let person = found[id] else { continue }
            try await Outbox.enqueue(OutboxDraft(
                personID: id, email: person.email, name: person.name, subject: subject, body: body(person),
                kind: event == .reminder ? "reminder" : "notification", partnershipID: partnership.id,
                dedupeKey: "\(subjectKind)-\(event.rawValue):\(subjectID.uuidString):\(id.uuidString)"), on: db)
        }
    }

    static func proposalOpened(_ proposal: Proposal, partnership: PartnershipRecord, proposer: String, meeting: String?,
                               to people: [UUID], link: String, on db: any Database) async throws {
        let audience = meeting.map { "those at \($0)" } ?? "the partnership"
        try await queue(.opened, subjectKind: "proposal", subjectID: proposal.id, partnership: partnership, to: people,
                        subject: "New proposal for \(partnership.name): \(proposal.title)", body: { person in
            """
            Hello \(person.name),

            \(proposer) has put a proposal to \(audience): “\(proposal.title)”.

            It is decided by \(proposal.process.label.lowercased()) (\(proposal.process.positions.map { $0.label.lowercased() }.joined(separator: ", "))). You can take a position, or change it, until \(DecisionTime.readable(proposal.deadline)). If you have an interest to declare, you can step aside from it on the same page.

            Read it and respond: \(link)
            """
        }, on: db)
    }

    static func proposalReminder(_ proposal: Proposal, partnership: PartnershipRecord, to people: [UUID], link: String,
                                 on db: any Database) async throws {
        try await queue(.reminder, subjectKind: "proposal", subjectID: proposal.id, partnership: partnership, to: people,
                        subject: "A day left to respond: \(proposal.title)", body: { person in
            """
            Hello \(person.name),

            The proposal “\(proposal.title)” for \(partnership.name) closes at \(DecisionTime.readable(proposal.deadline)), and you have not taken a position on it yet.\(proposal.process == .consent ? " Under consent, saying nothing counts as consenting." : "")

            Respond here: \(link)
            """
        }, on: db)
    }

    static func decided(_ entry: DecisionLogEntry, subjectKind: String, partnership: PartnershipRecord, to people: [UUID],
                        link: String, on db: any Database) async throws {
        try await queue(.closed, subjectKind: subjectKind, subjectID: entry.subjectID, partnership: partnership, to: people,
                        subject: "\(entry.headline): \(entry.title)", body: { person in
            """
            Hello \(person.name),

            “\(entry.title)” (\(entry.method.lowercased())) for \(partnership.name) has closed.

            \(entry.headline). \(entry.explanation)

            The decision log has the record, and the outcome statement once it is written: \(link)
            """
        }, on: db)
    }

    static func pollOpened(_ poll: Poll, partnership: PartnershipRecord, creator: String, to people: [UUID], link: String,
                           on db: any Database) async throws {
        try await queue(.opened, subjectKind: "poll", subjectID: poll.id, partnership: partnership, to: people,
                        subject: "New poll for \(partnership.name): \(poll.title)", body: { person in
            """
            Hello \(person.name),

            \(creator) has started a \(poll.kind.label.lowercased()) poll: “\(poll.title)”.\(poll.isAnonymous ? " It is anonymous: only the totals are shown, never who voted how." : "")

            \(poll.kind.howItIsCounted) It closes at \(DecisionTime.readable(poll.closesAt)).

            Vote here: \(link)
            """
        }, on: db)
    }

    static func pollReminder(_ poll: Poll, partnership: PartnershipRecord, to people: [UUID], link: String,
                             on db: any Database) async throws {
        try await queue(.reminder, subjectKind: "poll", subjectID: poll.id, partnership: partnership, to: people,
                        subject: "A day left to vote: \(poll.title)", body: { person in
            """
            Hello \(person.name),

            The poll “\(poll.title)” for \(partnership.name) closes at \(DecisionTime.readable(poll.closesAt)), and you have not voted yet.

            Vote here: \(link)
            """
        }, on: db)
    }
}
