import FluentKit
import Foundation
import RebalanceCore

/// The demo's change of council contact: Martin Lowe handed his seat to Hannah Reid last spring.
enum DemoHandover {
    static func load(partnershipID: UUID, leaver: UUID, successor: UUID, today: Day = .today(), on db: any Database) async throws {
        guard let partnership = try await PartnershipQueries.find(id: partnershipID, on: db),
              let seat = partnership.memberships.first(where: { $0.$person.id == leaver }) else { return }
        let lastDay = today.adding(days: -240)
        let note = try await HandoverCommands.record(leaving: try seat.requireID(), in: partnership, .init(
            successor: successor.uuidString,
            openCommitments: "The bus shelter repair on Mill Road: re-tendered, the partnership has been told. The youth club room booking at the school: agreed, starts in the autumn.",
            keyContacts: "Parks: Beth Summers. Estates: ask the Neighbourhoods inbox first. The chair, Ada Okafor, prefers a call before anything goes in writing.",
            history: "Two years of monthly meetings. Trust dipped when the bus shelter slipped; it came back once we started sharing bad news early.",
            pending: "Brook Street land: the estates team owes the partnership an answer. Crossing survey dates to confirm.",
            lastDay: lastDay.description), today: today, by: DemoData.system,
            now: LondonTime.instant(on: lastDay.adding(days: -7), at: TimeOfDay(hour: 10, minute: 0)!), on: db)
        try await HandoverCommands.markRead(note, now: LondonTime.instant(on: lastDay.adding(days: 1), at: TimeOfDay(hour: 9, minute: 0)!), on: db)
    }
}
