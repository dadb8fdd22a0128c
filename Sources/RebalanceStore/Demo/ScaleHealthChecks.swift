import FluentKit
import Foundation
import RebalanceCore

/// A health-check round every autumn from the partnership's first anniversary: every member and
/// every staff member of the area's councils invited (as `HealthCheckQueries.invitees` would),
/// most members and about half the staff answering. Residents start warier than the council and
/// warm as promises are kept, with good and bad years. Rounds are written as they are after the
/// first look past their close: sheets detached from the invitations, in content order (ADR 0020).
enum ScaleHealthChecks: ScalePart {
    static let name = "health-checks"

    static let comments = ["More notice of meetings, please.", "The council listens more than it used to.",
                           "We still hear about changes too late.", "The officer's visits make a real difference.",
                           "Residents need to see the money spent on things they asked for."]

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let set = QuestionSet.rebalance2026
        var closes = ScaleCalendar.next(5, onOrAfter: Day(year: area.formedOn.year + 1, month: 10, day: rng.int(1...20))!)
        var community = 2.5 + rng.unit() * 0.5, council = 3.4 + rng.unit() * 0.5
        while closes <= area.ends {
            let opens = closes.adding(days: -21)
            let chair = area.chair(on: opens)
            let r = HealthCheckRoundRecord()
            r.id = rng.uuid()
            r.$partnership.id = area.partnershipID
            r.apply(HealthCheckRound(questionSet: set.key, opensOn: opens, closesOn: closes))
            r.openedBy = chair.name
            r.answersDetachedAt = ScaleCalendar.at(closes.adding(days: 1), 2)
            area.rows.created(r, partnership: area.partnershipID, by: chair.actor, at: ScaleCalendar.at(opens, 9), rng: &rng)
            area.rows.add(r)

            var sheets: [(role: String, answers: String)] = []
            for (person, role) in invitees(area, on: opens) {
                let i = HealthCheckInvitationRecord()
                i.id = rng.uuid()
                i.$round.id = r.id!
                i.$person.id = person.id
                i.roleRaw = role.rawValue
                let isCouncil = role.side == .council
                if rng.chance(isCouncil ? 0.45 : 0.7) {
                    try i.store(sheet(set, base: isCouncil ? council : community, &rng))
                    i.answeredAt = ScaleCalendar.at(area.day(&rng, from: opens, through: closes.adding(days: -1)), rng.int(8...21))
                    sheets.append((i.roleRaw, i.answersJSON!))
                    i.answersJSON = nil
                }
                area.rows.add(i)
            }
            for (role, answers) in sheets.sorted(by: { ($0.role, $0.answers) < ($1.role, $1.answers) }) {
                let a = HealthCheckAnswerRecord()
                a.id = rng.uuid()
                a.$round.id = r.id!
                a.roleRaw = role
                a.answersJSON = answers
                area.rows.add(a)
            }
            // Residents warm to the council over the years, with setbacks; the council drifts down a little.
            community = min(4.0, max(2.0, community + 0.05 + (rng.unit() - 0.5) * 0.4))
            council = min(4.5, max(3.0, council - 0.03 + (rng.unit() - 0.5) * 0.3))
            closes = ScaleCalendar.next(5, onOrAfter: Day(year: closes.year + 1, month: 10, day: rng.int(1...20))!)
        }
    }

    /// Members in their seats, then the councils' staff who are not members, each once, by name.
    static func invitees(_ area: ScaleArea, on day: Day) -> [(ScalePerson, RespondentRole)] {
        var seen: Set<UUID> = []
        var out: [(ScalePerson, RespondentRole)] = []
        for seat in area.seats(on: day).sorted(by: { $0.person.name < $1.person.name }) where seen.insert(seat.person.id).inserted {
            out.append((seat.person, .member(seat.role)))
        }
        for s in area.councilStaff.sorted(by: { $0.person.name < $1.person.name }) where seen.insert(s.person.id).inserted {
            out.append((s.person, .councilStaff))
        }
        return out
    }

    /// One person's sheet: around the side's mood, a point either way, the odd "don't know".
    static func sheet(_ set: QuestionSet, base: Double, _ rng: inout ScaleRandom) throws -> AnswerSheet {
        var answers: [String: AnswerValue] = [:]
        let mood = base + (rng.unit() - 0.5) * 1.2
        for statement in set.statements {
            if rng.chance(0.05) { answers[statement.id] = .dontKnow; continue }
            let point = min(5, max(1, Int((mood + (rng.unit() - 0.5) * 1.6).rounded())))
            answers[statement.id] = .scale(Agreement(rawValue: point)!)
        }
        var comments: [String: String] = [:]
        if rng.chance(0.15), let question = set.freeText.first {
            comments[question.id] = rng.pick(Self.comments)
        }
        return AnswerSheet(answers: answers, comments: comments)
    }
}
