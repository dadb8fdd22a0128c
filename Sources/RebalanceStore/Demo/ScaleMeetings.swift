import FluentKit
import Foundation
import RebalanceCore

/// Fifteen years of talking: a monthly partnership meeting with an agenda and minutes, a
/// quarterly liaison meeting with council staff, an open community meeting twice a year, the
/// odd meeting cancelled or moved, the next meeting's agenda, and the communication plan that
/// sets the rhythm. Schedules are built and changed by the rules in Core.
enum ScaleMeetings: ScalePart {
    static let name = "meetings"

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let weekdays = ["monday", "tuesday", "wednesday", "thursday"]
        let partnership = try series(area, .partnership, title: "\(area.name) partnership meeting",
                                     location: "\(area.name) Community Centre",
                                     description: "The partnership's monthly meeting. Residents are welcome to observe; ask the chair to speak.",
                                     from: area.formedOn, time: (rng.pick(["18:30", "19:00"]), rng.pick(["20:30", "21:00"])),
                                     every: 1, weekday: rng.pick(weekdays), week: rng.pick(["first", "second", "third"]), rng: &rng)
        let liaison = try series(area, .councilLiaison, title: "Council liaison meeting", location: "\(area.district.name) offices",
                                 description: "The chair and two members meet the district's neighbourhoods lead and county officers.",
                                 from: area.formedOn.adding(days: 60), time: ("10:00", "11:30"), every: 3, weekday: "wednesday",
                                 week: "first", rng: &rng)
        let open = try series(area, .openCommunity, title: "Open community meeting", location: "\(area.name) Community Centre",
                              description: "Everyone in \(area.name) is welcome: what the partnership has done, and what to do next.",
                              from: area.formedOn.adding(days: 150), time: ("11:00", "13:00"), every: 6, weekday: "saturday",
                              week: "last", rng: &rng)
        for s in [partnership, liaison, open] { try hold(s, area, rng: &rng) }
        try plan(area, rhythms: [partnership, liaison, open], rng: &rng)
    }

    struct Series {
        let record: MeetingSeriesRecord
        let kind: MeetingKind
        var schedule: MeetingSchedule
    }

    /// A series as the scheduling form makes it, then a few meetings cancelled or moved.
    static func series(_ area: ScaleArea, _ kind: MeetingKind, title: String, location: String, description: String,
                       from: Day, time: (String, String), every months: Int, weekday: String, week: String,
                       rng: inout ScaleRandom) throws -> Series {
        let draft = try MeetingDraft.validate(.init(
            kind: kind.rawValue, title: title, location: location, description: description, startsOn: from.description,
            startTime: time.0, endTime: time.1, repeats: MeetingDraft.Repeats.monthlyOnWeekday.rawValue,
            interval: String(months), weekday: weekday, weekOfMonth: week))
        let scheduledBy = area.chair(on: from)
        let s = MeetingSeriesRecord()
        s.id = rng.uuid()
        s.$partnership.id = area.partnershipID
        s.kindRaw = kind.rawValue
        s.title = draft.title
        s.location = draft.location
        s.summary = draft.description
        try s.setSchedule(draft.schedule)
        s.revision = 0
        s.version = 1
        s.createdAt = ScaleCalendar.at(from.adding(days: -14), 10)
        area.rows.created(s, partnership: area.partnershipID, by: scheduledBy.actor, at: s.createdAt, rng: &rng)

        // Floods, elections and snow: about one meeting in thirty is cancelled or moved.
        var schedule = draft.schedule
        let past = schedule.occurrences(from: from, through: area.ends)
        for o in past where rng.chance(kind == .partnership ? 0.035 : 0.02) {
            let before = schedule.occurrence(originallyOn: o.originalDay)!
            if rng.chance(0.6) {
                schedule = try schedule.cancelling(o.originalDay, reason: rng.pick(cancellations))
            } else {
                let to = o.originalDay.adding(days: 7)
                guard schedule.occurrences(from: to, through: to).isEmpty else { continue }
                schedule = try schedule.moving(o.originalDay, input: MeetingMoveInput(
                    day: to.description, startTime: time.0, endTime: time.1, location: rng.chance(0.5) ? "\(area.name) Library" : nil))
            }
            s.version += 1
            let changedOn = o.originalDay.adding(days: -rng.int(2...10))
            area.rows.audit(.updated, "meeting", id: s.id, label: "\(s.title), \(o.originalDay.readable)",
                            before: MeetingCommands.describe(before), after: MeetingCommands.describe(schedule.occurrence(originallyOn: o.originalDay)!),
                            partnership: area.partnershipID, by: area.chair(on: changedOn).actor, at: ScaleCalendar.at(changedOn, 12),
                            entryID: rng.uuid())
        }
        try s.setSchedule(schedule)
        area.rows.add(s)
        return Series(record: s, kind: kind, schedule: schedule)
    }

    static let cancellations = [
        "The community centre flooded; items carried to the next meeting", "Too few members could come (school holidays)",
        "Heavy snow: the meeting moves online next month", "Council elections: officers cannot attend in the pre-election period",
        "The hall was double-booked",
    ]

    /// Minutes, attendance and (for partnership meetings) agendas of every meeting held, and
    /// the agenda of the next one.
    static func hold(_ s: Series, _ area: ScaleArea, rng: inout ScaleRandom) throws {
        let seriesID = s.record.id!
        let withAgenda = s.kind == .partnership
        for o in s.schedule.occurrences(from: s.schedule.startsOn, through: area.ends) where !o.isCancelled {
            let m = MeetingRecord()
            m.id = rng.uuid()
            m.$series.id = seriesID
            m.originalDayRaw = o.originalDay.description
            m.version = 1
            let secretary = area.secretary(on: o.day, &rng)
            if withAgenda { agenda(m, area, on: o.day, rng: &rng) }
            let before = m.auditFields
            m.decisions = rng.sample(ScaleTexts.decisions, rng.int(1...3)).map { ScaleTexts.fill($0, area, &rng) }.joined(separator: "\n")
            m.wentWell = ScaleTexts.fill(rng.pick(ScaleTexts.wentWell), area, &rng)
            m.wentBadly = rng.chance(0.8) ? ScaleTexts.fill(rng.pick(ScaleTexts.wentBadly), area, &rng) : nil
            let published = o.end.addingTimeInterval(Double(rng.int(2...8)) * 86_400)
            m.minutesPublishedAt = published <= ScaleCalendar.at(area.ends, 23) ? published : nil
            if withAgenda { m.version = 2 }
            let (attended, apologies) = attendance(s.kind, area, on: o.day, &rng)
            for (ids, status) in [(attended, AttendanceRecord.Status.attended), (apologies, .apologies)] {
                for person in ids.sorted(by: { $0.uuidString < $1.uuidString }) {
                    let a = AttendanceRecord()
                    a.id = rng.uuid()
                    a.$meeting.id = m.id!
                    a.$person.id = person
                    a.statusRaw = status.rawValue
                    area.rows.add(a)
                }
            }
            var after = m.auditFields
            after["attended"] = String(attended.count)
            after["apologies"] = String(apologies.count)
            area.rows.audit(withAgenda ? .updated : .created, MeetingRecord.auditType, id: m.id,
                            label: "Minutes of \(s.record.title), \(o.originalDay.readable)", before: withAgenda ? before : nil, after: after,
                            partnership: area.partnershipID, by: secretary.actor, at: m.minutesPublishedAt ?? o.end.addingTimeInterval(3600),
                            entryID: rng.uuid())
            area.rows.add(m)
            area.meetings.append(ScaleMeeting(seriesID: seriesID, title: s.record.title, kind: s.kind, originalDay: o.originalDay, day: o.day,
                                              attended: attended.sorted { $0.uuidString < $1.uuidString }))
        }
        if withAgenda, let next = s.schedule.nextOccurrence(onOrAfter: area.ends.adding(days: 1)) {
            let m = MeetingRecord()
            m.id = rng.uuid()
            m.$series.id = seriesID
            m.originalDayRaw = next.originalDay.description
            m.version = 1
            agenda(m, area, on: next.day, rng: &rng)
            area.rows.add(m)
        }
    }

    /// Four to six items, written by the chair a week or so before.
    static func agenda(_ m: MeetingRecord, _ area: ScaleArea, on day: Day, rng: inout ScaleRandom) {
        let written = day.adding(days: -rng.int(5...10))
        let chair = area.chair(on: written)
        let middle = rng.sample(ScaleTexts.agendaItems, rng.int(2...4)).map { (ScaleTexts.fill($0, area, &rng), rng.chance(0.5) ? "Chair" : nil as String?) }
        let items = [("Welcome, apologies and the last meeting's minutes", "Chair" as String?)] + middle + [("Any other business", "Chair")]
        for (n, (title, lead)) in items.enumerated() {
            let item = AgendaItemRecord()
            item.id = rng.uuid()
            item.$meeting.id = m.id!
            item.position = n + 1
            item.title = title
            item.lead = lead
            area.rows.created(item, partnership: area.partnershipID, by: chair.actor,
                              at: ScaleCalendar.at(written, 20, n), rng: &rng)
            area.rows.add(item)
        }
    }

    /// Who came: most members to their own meetings; the chair, a couple of members, the
    /// officer and county staff to liaison meetings.
    static func attendance(_ kind: MeetingKind, _ area: ScaleArea, on day: Day, _ rng: inout ScaleRandom) -> (Set<UUID>, Set<UUID>) {
        var attended: Set<UUID> = [], apologies: Set<UUID> = []
        let members = area.memberPeople(on: day)
        switch kind {
        case .councilLiaison:
            attended.insert(area.chair(on: day).id)
            attended.insert(area.officer(on: day).id)
            for p in rng.sample(area.residents(on: day), 2) { attended.insert(p.id) }
            for s in rng.sample(area.councilStaff, rng.int(1...3)) { attended.insert(s.person.id) }
        case .partnership, .openCommunity:
            let keen = kind == .partnership ? 0.8 : 0.6
            for p in members {
                if rng.chance(keen) { attended.insert(p.id) } else if rng.chance(0.6) { apologies.insert(p.id) }
            }
            attended.insert(area.chair(on: day).id)
            apologies.remove(area.chair(on: day).id)
        }
        return (attended, apologies)
    }

    /// Who is kept in touch and how, and the rhythm the three series follow.
    static func plan(_ area: ScaleArea, rhythms series: [Series], rng: inout ScaleRandom) throws {
        let today = area.ends
        let chair = area.chair(on: today)
        var entries = [CommunicationPlanEntry(stakeholder: .person(chair.id), level: .close, channel: .email, speaksForCouncil: false),
                       CommunicationPlanEntry(stakeholder: .person(area.officer(on: today).id), level: .close, channel: .email, speaksForCouncil: true)]
        for seat in area.seats(on: today) {
            switch seat.role {
            case .projectWorker: entries.append(.init(stakeholder: .person(seat.person.id), level: .close, channel: .email, speaksForCouncil: false))
            case .councillor: entries.append(.init(stakeholder: .person(seat.person.id), level: .regular, channel: .email, speaksForCouncil: true))
            case .localOrganisation:
                entries.append(.init(stakeholder: .person(seat.person.id), level: .regular, channel: .post, speaksForCouncil: false,
                                     postalAddress: "\(area.name) Primary School\n\(rng.pick(ScaleNames.streets)), \(area.name)"))
            default: break
            }
        }
        entries.append(.init(stakeholder: .organisation(area.lto.id), level: .informed, channel: .email, speaksForCouncil: false,
                             email: "office@\(Slug.make(from: area.lto.name)).org.example"))
        var rhythms: [MeetingKind: MeetingRhythm] = [:]
        for s in series {
            rhythms[s.kind] = MeetingRhythm(pattern: s.schedule.repeats!.pattern, startTime: s.schedule.startTime,
                                            durationMinutes: s.schedule.durationMinutes)
        }
        let plan = try CommunicationPlan(entries: entries, rhythms: rhythms)
        let record = CommunicationPlanRecord()
        record.id = rng.uuid()
        record.$partnership.id = area.partnershipID
        record.planJSON = String(decoding: try JSONEncoder.sorted.encode(plan), as: UTF8.self)
        record.version = 1
        let written = max(area.formedOn.adding(days: 45), area.seats.last { $0.role == .chair && $0.endsOn == nil }!.startsOn.adding(days: 14))
        area.rows.created(record, partnership: area.partnershipID, by: chair.actor, at: ScaleCalendar.at(min(written, today), 19), rng: &rng)
        area.rows.add(record)
    }
}
