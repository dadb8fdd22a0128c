import FluentKit
import Foundation
import RebalanceCore

/// A generated person: an account like any other, with the demo's password.
struct ScalePerson: Sendable, Hashable {
    let id: UUID
    let name: String
    let email: String
    /// When they registered: their account's creation and first audit entry.
    let since: Day

    var actor: ScaleActor { ScaleActor(id: id, name: name) }

    private init(id: UUID, name: String, email: String, since: Day) {
        self.id = id; self.name = name; self.email = email; self.since = since
    }

    /// The same person at another address (see `ScaleRegion.wellKnown`).
    func addressed(_ email: String) -> ScalePerson { ScalePerson(id: id, name: name, email: email, since: since) }

    init(_ rng: inout ScaleRandom, domain: String, taken: inout Set<String>, since: Day, title: String? = nil) {
        id = rng.uuid()
        let made = ScaleNames.person(&rng, domain: domain, taken: &taken, title: title)
        name = made.name
        email = made.email
        self.since = since
    }
}

/// Who holds a post over time (a district's neighbourhood officer, a rep): each holder from
/// their day until the next holder's.
struct ScaleTimeline: Sendable {
    let holders: [(person: ScalePerson, from: Day)]

    func holder(on day: Day) -> ScalePerson {
        holders.last { $0.from <= day }?.person ?? holders[0].person
    }

    /// Days in `range` on which the post changed hands, with the leaver and the newcomer.
    func changes(after start: Day, through end: Day) -> [(day: Day, leaver: ScalePerson, successor: ScalePerson)] {
        zip(holders, holders.dropFirst()).compactMap { old, new in
            new.from > start && new.from <= end ? (new.from, old.person, new.person) : nil
        }
    }
}

extension ScaleRows {
    /// The person's account (verified: the demo's people own their fictional addresses) and
    /// the audit entry registering writes.
    mutating func person(_ p: ScalePerson, passwordHash: String, rng: inout ScaleRandom, shared: Bool = false) {
        let record = PersonRecord(id: p.id, name: p.name, email: p.email, passwordHash: passwordHash)
        let joined = ScaleCalendar.at(p.since, 9, 30)
        record.createdAt = joined
        record.emailVerifiedAt = joined.addingTimeInterval(600)
        add(record, shared: shared)
        created(record, partnership: nil, by: p.actor, at: joined, rng: &rng, shared: shared)
    }
}
