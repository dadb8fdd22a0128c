import FluentKit
import Foundation
import RebalanceCore

/// Five or so proposals a year, put to the partnership (some to one meeting's attendees) under
/// the decision rules of the agreement in force: positions taken and sometimes changed,
/// interests declared, the odd withdrawal, blocked proposals revised, every one settled into
/// the decision log by the rules in Core, and most passed ones given an outcome statement.
enum ScaleProposals: ScalePart {
    static let name = "proposals"

    static let ideas: [(ProposalTopic, String, String)] = [
        (.funding, "Fund the summer fun day ({amount})", "A free afternoon in the park: stalls from local groups, a bouncy castle and a bike repair tent."),
        (.funding, "Grant {amount} to the residents' association for a garden", "Raised beds, a shed and a water butt behind {landmark}."),
        (.funding, "Spend {amount} on lighting along {street}", "Brighter lighting on the path residents said feels unsafe after dark."),
        (.funding, "Fund a detached youth worker for a year ({amount})", "Two evenings a week around {landmark} and the shops."),
        (.funding, "Buy a defibrillator for {landmark} ({amount})", "A public-access defibrillator with training for volunteers."),
        (.funding, "Match-fund the food bank's new freezer ({amount})", "The food bank has half the cost from its own appeal."),
        (.funding, "Fund a homework club at the school ({amount})", "Two evenings a week in the school library, open to any child in {area}."),
        (.funding, "Commission a community survey ({amount})", "Door-to-door and online, so quieter voices are heard before the plan review."),
        (.general, "Hold the annual open meeting at {landmark}", "More space and step-free access than the centre."),
        (.general, "Move partnership meetings to the first Thursday", "Members with children asked for a night without clubs."),
        (.general, "Publish minutes within a week of each meeting", "Residents asked to read decisions sooner."),
        (.general, "Join the county's anti-litter campaign", "Posters, pickers and a spring clean-up day."),
        (.membership, "Invite the Friends of {area} Park to nominate a member", "They run the fun day and look after the park."),
        (.membership, "Co-opt two young people onto the partnership", "Aged 16 to 21, with a mentor each."),
        (.agreement, "Ask the council to review the agreement early", "The council's restructure changed who we deal with."),
        (.agreement, "Add volunteers' work in the park to the negotiable items", "With the parks team's training and risk assessment."),
    ]
    static let reasons: [ProposalPosition: [String]] = [
        .disagree: ["Too much of the budget on one thing.", "I would like the costs split out first.", "Residents have not been asked yet."],
        .block: ["This goes against what residents told us in the survey.", "We have not checked the insurance.", "It duplicates what the council already funds."],
        .object: ["The date clashes with the school fair.", "We should ask residents first."],
        .no: ["The group has its own reserves for this.", "Not a priority in our plan.", "I am not convinced it will last."],
    ]
    static let interests = ["I am the group's treasurer.", "My daughter works there.", "I rent the land next to it.", "I am on the charity's board."]
    static let statements = [
        "It goes ahead: the LTO holds the money and reports back at the next meeting.",
        "Agreed. The chair writes to the council this week and reports back next month.",
        "Work starts next month; the project worker keeps residents posted.",
        "Passed. A progress report comes to the partnership in six months.",
    ]

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        let people = Dictionary(area.seats.map { ($0.person.id, $0.person) }, uniquingKeysWith: { a, _ in a })
        var opened: Set<UUID> = []
        var revisions: [(Day, UUID, String)] = []
        var day = area.formedOn.adding(days: rng.int(60...120))
        while day <= area.ends.adding(days: -20) {
            let revision = revisions.first { $0.0 <= day }
            revisions.removeAll { $0.0 <= day }
            if let (_, blocked, title) = try propose(area, on: day, revising: revision.map { ($0.1, $0.2) }, opened: &opened,
                                                     people: people, rng: &rng) {
                revisions.append((day.adding(days: rng.int(10...25)), blocked, title))
            }
            day = day.adding(days: rng.int(35...110))
        }
    }

    /// Opens, decides and settles one proposal. Returns it when it was blocked and will be revised.
    static func propose(_ area: ScaleArea, on day: Day, revising: (UUID, String)?, opened: inout Set<UUID>,
                        people: [UUID: ScalePerson], rng: inout ScaleRandom) throws -> (Day, UUID, String)? {
        let openedAt = ScaleCalendar.at(day, 19, rng.int(0...59))
        let idea = rng.pick(ideas)
        let proposer = revising != nil ? area.chair(on: day) : (rng.chance(0.7) ? rng.pick(area.residents(on: day)) : area.chair(on: day))
        let process: DecisionProcess = idea.0 == .general && rng.chance(0.4) ? .consent : rng.pick([.consensus, .consensus, .majorityVote])
        // A fifth are put to the attendees of a partnership meeting held in the last few weeks.
        let meeting = rng.chance(0.2) ? area.meetings.last { $0.kind == .partnership && $0.day <= day && $0.day >= day.adding(days: -50) } : nil
        let proposalMeeting = meeting.map { ProposalMeeting(seriesID: $0.seriesID, day: $0.originalDay) }
        let deadlineDay = day.adding(days: rng.int(7...14))
        let title = revising.map { "Revised: \($0.1)" } ?? ScaleTexts.fill(idea.1, area, &rng)
        let draft = try ProposalDraft.validate(
            .init(title: String(title.prefix(ProposalDraft.titleMaxLength)), details: ScaleTexts.fill(idea.2, area, &rng),
                  process: process.rawValue, topic: idea.0.rawValue, deadline: "\(deadlineDay)T21:00",
                  revisionOf: revising?.0.uuidString, meeting: proposalMeeting?.description),
            now: openedAt, proposalExists: { opened.contains($0) }, meetingHasAttendees: { _ in meeting.map { !$0.attended.isEmpty } ?? false })
        let id = rng.uuid()
        opened.insert(id)
        var core = Proposal.open(draft, id: id, proposerID: proposer.id, rules: area.rules(on: day), at: openedAt)
        func members(on d: Day) -> [DecisionMember] {
            let all = area.decisionMembers(on: d)
            guard let meeting else { return all }
            return all.filter { meeting.attended.contains($0.personID) }
        }
        let deciding = members(on: day)

        let r = ProposalRecord()
        r.id = id
        r.$partnership.id = area.partnershipID
        r.title = core.title
        r.details = core.details
        r.processRaw = core.process.rawValue
        r.topicRaw = core.topic.rawValue
        r.proposerID = proposer.id
        r.proposerName = proposer.name
        r.rulesJSON = String(decoding: try JSONEncoder.sorted.encode(core.rules), as: UTF8.self)
        r.openedAt = core.openedAt
        r.deadline = core.deadline
        r.revisionOf = core.revisionOf
        r.meetingSeriesID = proposalMeeting?.seriesID
        r.meetingDayRaw = proposalMeeting?.day.description
        r.version = 1
        area.rows.created(r, partnership: area.partnershipID, by: proposer.actor, at: openedAt, rng: &rng)

        let period = core.deadline.timeIntervalSince(openedAt)
        let withdrawAt: Date? = revising == nil && rng.chance(0.04) ? openedAt.addingTimeInterval(period * 0.4) : nil
        let closing = withdrawAt ?? core.deadline
        if core.topic == .funding, rng.chance(0.12),
           let recuser = core.electorate(members: deciding).couldTakePart.sorted(by: { $0.uuidString < $1.uuidString }).first(where: { $0 != proposer.id }) {
            let at = openedAt.addingTimeInterval(1800)
            try core.recuse(recuser, interest: rng.pick(interests), members: deciding, at: at)
            let row = ProposalRecusalRecord()
            row.id = rng.uuid()
            row.$proposal.id = id
            row.personID = recuser
            row.personName = people[recuser]!.name
            row.interest = core.recusals[recuser]!.interest
            row.declaredAt = at
            area.rows.created(row, partnership: area.partnershipID, by: people[recuser]!.actor, at: at, rng: &rng)
            area.rows.add(row)
        }
        // How the room feels about it: most proposals pass, some split the partnership.
        let support = rng.pick([0.95, 0.9, 0.85, 0.75, 0.6])
        for person in core.electorate(members: deciding).couldTakePart.sorted(by: { $0.uuidString < $1.uuidString }) where rng.chance(0.85) {
            var at = openedAt.addingTimeInterval(closing.timeIntervalSince(openedAt) * rng.unit() * 0.7 + 60)
            var sequence = 1
            var stance = position(core.process, support: support, &rng)
            while true {
                let reason = stance.needsReason || (stance == .no && rng.chance(0.5)) ? rng.pick(reasons[stance] ?? ["No reason given."]) : nil
                guard try core.recordPosition(PositionInput(stance, reason: reason), by: person, members: deciding, at: at) != .unchanged else { break }
                let change = core.positions[person]!.changes.last!
                let row = ProposalPositionRecord()
                row.id = rng.uuid()
                row.$proposal.id = id
                row.personID = person
                row.personName = people[person]!.name
                row.sequence = sequence
                row.at = change.at
                row.fromRaw = change.from?.rawValue
                row.positionRaw = change.to.rawValue
                row.reason = change.reason
                area.rows.created(row, partnership: area.partnershipID, by: people[person]!.actor, at: change.at, rng: &rng)
                area.rows.add(row)
                // One in ten thinks again after the discussion.
                let later = at.addingTimeInterval((closing.timeIntervalSince(at) - 60) * rng.unit())
                guard sequence < 3, rng.chance(0.1), later > at else { break }
                at = later
                sequence += 1
                stance = position(core.process, support: min(0.99, support + 0.1), &rng)
            }
        }
        if let withdrawAt {
            try core.withdraw(by: proposer.id, reason: "Better to ask residents first.", at: withdrawAt)
            let before = r.auditFields
            r.withdrawnAt = core.withdrawal?.at
            r.withdrawnBy = core.withdrawal?.by
            r.withdrawalReason = core.withdrawal?.reason
            r.version = 2
            area.rows.updated(r, before: before, partnership: area.partnershipID, by: proposer.actor, at: withdrawAt, rng: &rng)
        } else if period > 86_400 {
            r.remindedAt = core.deadline.addingTimeInterval(-86_400)
        }
        // Settled by the first look after the close, as `DecisionSettlement` does.
        let settledAt = closing.addingTimeInterval(Double(rng.int(60...900)))
        r.settledAt = settledAt
        area.rows.add(r)
        let outcome = core.outcome(members: members(on: Day.today(closing)), at: settledAt)
        guard let entry = DecisionLogEntry(proposal: core, outcome: outcome) else { return nil }
        let log = try ScaleDecisionLog.write(entry, area, settledAt: settledAt, statement: entry.result == .passed && rng.chance(0.75)
                                             ? (rng.pick(statements), proposer) : nil, rng: &rng)
        area.decisions.append(ScaleDecision(logID: log, title: entry.title, decidedOn: Day.today(entry.decidedAt),
                                            passedFunding: entry.result == .passed && core.topic == .funding, proposer: proposer))
        if entry.result == .blocked, core.process == .consensus, revising == nil, rng.chance(0.5) {
            return (day, id, core.title)
        }
        return nil
    }

    static func position(_ process: DecisionProcess, support: Double, _ rng: inout ScaleRandom) -> ProposalPosition {
        let roll = rng.unit()
        switch process {
        case .consensus:
            if roll < support { return .agree }
            if roll < support + (1 - support) * 0.35 { return .abstain }
            return roll < 0.985 ? .disagree : .block
        case .consent:
            return roll < support + 0.05 ? .consent : .object
        case .majorityVote:
            if roll < support { return .yes }
            return roll < support + (1 - support) * 0.3 ? .abstain : .no
        }
    }
}

/// The decision log line for a closed proposal or poll, written when it was settled, and the
/// proposer's statement a few days later.
enum ScaleDecisionLog {
    static func write(_ entry: DecisionLogEntry, _ area: ScaleArea, settledAt: Date, statement: (String, ScalePerson)?,
                      rng: inout ScaleRandom) throws -> UUID {
        let log = DecisionLogRecord()
        log.id = rng.uuid()
        log.$partnership.id = area.partnershipID
        try log.apply(entry)
        log.version = 1
        area.rows.created(log, partnership: area.partnershipID, by: .system, at: settledAt, rng: &rng)
        if let (text, by) = statement {
            let before = log.auditFields
            let at = settledAt.addingTimeInterval(Double(rng.int(1...6)) * 86_400)
            log.statement = text
            log.statementBy = by.name
            log.statementAt = at
            log.version = 2
            area.rows.updated(log, before: before, partnership: area.partnershipID, by: by.actor, at: at, rng: &rng)
        }
        area.rows.add(log)
        return log.id!
    }
}
