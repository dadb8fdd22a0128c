import FluentKit
import Foundation
import RebalanceCore

/// The note each departing council officer left their successor (the seats themselves changed
/// in `ScaleMembers`, as `HandoverCommands.record` changes them), read by the successor soon after.
enum ScaleHandovers: ScalePart {
    static let name = "handovers"

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        for (leaver, successor, lastDay) in area.officerChanges {
            let written = ScaleCalendar.at(lastDay.adding(days: -rng.int(3...14)), 10)
            let note = HandoverRecord()
            note.id = rng.uuid()
            note.$partnership.id = area.partnershipID
            note.$leaver.id = leaver.person.id
            note.$successor.id = successor.id
            note.roleRaw = leaver.role.rawValue
            note.openCommitments = "The \(rng.pick(ScaleNames.landmarks)) repairs: re-tendered, the partnership has been told. The hall booking for the youth club: agreed, starts next term."
            note.keyContacts = "Parks: ask the team inbox first. The chair, \(area.chair(on: lastDay).name), prefers a call before anything goes in writing."
            note.history = "Monthly meetings for years. Trust dipped when promises slipped; it came back once we shared bad news early."
            note.pending = "The estates team owes the partnership an answer about \(rng.pick(ScaleNames.streets)). Crossing survey dates to confirm."
            note.lastDayRaw = lastDay.description
            note.commitmentsMoved = 0
            note.writtenAt = written
            note.writtenBy = leaver.person.name
            note.readAt = ScaleCalendar.at(lastDay.adding(days: rng.int(1...10)), 9)
            area.rows.created(note, partnership: area.partnershipID, by: leaver.person.actor, at: written, rng: &rng)
            area.rows.add(note)
        }
    }
}
