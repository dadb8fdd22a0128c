import FluentKit
import Foundation
import RebalanceCore

/// Three or so polls a year, of every kind (a fifth anonymous), answered by most of those asked,
/// closed by the clock and settled into the decision log with totals counted by Core.
enum ScalePolls: ScalePart {
    static let name = "polls"

    static let questions: [(PollKind, String, [String])] = [
        (.approval, "Which stalls should the fun day have?", ["Bouncy castle", "Community food stall", "Bike repair tent", "Face painting", "Local history display"]),
        (.approval, "Which of these should the small grants fund first?", ["Sports kit", "Trips for older residents", "Gardening tools", "Art sessions"]),
        (.singleChoice, "Which evening suits the homework club best?", ["Monday", "Tuesday", "Wednesday", "Thursday"]),
        (.singleChoice, "Where should the open meeting be held?", ["The community centre", "The school hall", "The library", "The church hall"]),
        (.rankedChoice, "What should the newsletter be called?", ["{area} Voice", "{area} News", "The {area} Flyer", "Our Patch"]),
        (.rankedChoice, "Which priority matters most for next year?", ["Young people", "Older people", "Green spaces", "Jobs and training", "Safety"]),
        (.score, "How well did each project work this year?", ["Youth club", "Community garden", "Warm space", "The newsletter"]),
        (.dotVote, "Where should the next {amount} go?", ["Play area repairs", "Homework club", "Community centre kitchen", "Tree planting"]),
        (.meetingTime, "When should we hold the annual plan review?", []),
    ]

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        var day = area.formedOn.adding(days: rng.int(90...200))
        while day <= area.ends.adding(days: -20) {
            try poll(area, on: day, rng: &rng)
            day = day.adding(days: rng.int(60...180))
        }
    }

    static func poll(_ area: ScaleArea, on day: Day, rng: inout ScaleRandom) throws {
        let (kind, question, labels) = rng.pick(questions)
        let openedAt = ScaleCalendar.at(day, 18, rng.int(0...59))
        let creator = rng.chance(0.5) ? area.chair(on: day) : area.secretary(on: day, &rng)
        let anonymous = kind != .meetingTime && rng.chance(0.2)
        let audience: PollAudience = kind == .meetingTime || rng.chance(0.3) ? .allMembers : .votingMembers
        let options = kind == .meetingTime
            ? (0..<3).map { "\(day.adding(days: 21 + $0 * 2))T19:00" }
            : labels.map { ScaleTexts.fill($0, area, &rng) }
        let closesDay = day.adding(days: rng.int(5...14))
        let draft = try PollDraft.validate(.init(
            title: ScaleTexts.fill(question, area, &rng), kind: kind.rawValue, options: options,
            slotMinutes: kind == .meetingTime ? "120" : nil, anonymous: anonymous,
            resultsVisibility: (anonymous ? PollResultsVisibility.afterClosing : rng.pick([.always, .afterVoting])).rawValue,
            closesAt: "\(closesDay)T21:00", dotAllowance: kind == .dotVote ? "10" : nil, audience: audience.rawValue), now: openedAt)
        let poll = Poll.open(draft, id: rng.uuid(), createdBy: creator.id, at: openedAt)
        let r = PollRecord()
        r.id = poll.id
        r.$partnership.id = area.partnershipID
        try r.apply(poll, audience: draft.audience)
        r.createdByName = creator.name
        r.version = 1
        area.rows.created(r, partnership: area.partnershipID, by: creator.actor, at: openedAt, rng: &rng)

        let names = Dictionary(area.seats.map { ($0.person.id, $0.person) }, uniquingKeysWith: { a, _ in a })
        let favourite = rng.int(0...(poll.options.count - 1))
        var ballots: [PollBallot] = []
        for voter in draft.audience.voters(among: area.decisionMembers(on: day)) where rng.chance(0.75) {
            let ballot = self.ballot(poll, favourite: favourite, &rng)
            try poll.validate(ballot)
            ballots.append(ballot)
            let castAt = openedAt.addingTimeInterval(poll.closesAt.timeIntervalSince(openedAt) * rng.unit() * 0.9 + 60)
            let voted = PollVoterRecord()
            voted.id = rng.uuid()
            voted.$poll.id = poll.id
            voted.personID = voter
            area.rows.add(voted)
            if anonymous {
                // As `PollCommands.vote`: the ballot joins the sorted list, with no audit entry naming the voter.
                try r.addAnonymous(ballot)
                r.version += 1
                continue
            }
            let row = PollBallotRecord()
            row.id = rng.uuid()
            row.$poll.id = poll.id
            row.voterID = voter
            row.voterName = names[voter]!.name
            row.castAt = castAt
            try row.store(ballot)
            area.rows.created(row, partnership: area.partnershipID, by: names[voter]!.actor, at: castAt, rng: &rng)
            area.rows.add(row)
        }
        if poll.closesAt.timeIntervalSince(openedAt) > 86_400 { r.remindedAt = poll.closesAt.addingTimeInterval(-86_400) }
        let settledAt = poll.closesAt.addingTimeInterval(Double(rng.int(60...900)))
        r.settledAt = settledAt
        area.rows.add(r)
        guard let entry = DecisionLogEntry(poll: poll, totals: poll.totals(ballots: ballots, at: settledAt)) else { return }
        let statement = rng.chance(0.5) ? ("Thank you for voting: we go with the result and report back at the next meeting.", creator) : nil
        let log = try ScaleDecisionLog.write(entry, area, settledAt: settledAt, statement: statement, rng: &rng)
        area.decisions.append(ScaleDecision(logID: log, title: entry.title, decidedOn: Day.today(entry.decidedAt),
                                            passedFunding: false, proposer: creator))
    }

    /// A ballot of the poll's kind, leaning towards the option most people like.
    static func ballot(_ poll: Poll, favourite: Int, _ rng: inout ScaleRandom) -> PollBallot {
        let ids = poll.options.map(\.id)
        let liked = rng.chance(0.6) ? ids[favourite] : rng.pick(ids)
        switch poll.kind {
        case .singleChoice:
            return .choices([liked])
        case .approval:
            return .choices(ids.filter { $0 == liked || rng.chance(0.3) })
        case .rankedChoice:
            let rest = rng.shuffled(ids.filter { $0 != liked })
            return .choices([liked] + rest.prefix(rng.int(0...rest.count)))
        case .score:
            let low = poll.settings.scoreMinimum, high = poll.settings.scoreMaximum
            return .scores(Dictionary(uniqueKeysWithValues: ids.map { ($0, $0 == liked ? high : rng.int(low...high)) }))
        case .dotVote:
            var points: [PollOptionID: Int] = [liked: 0]
            for _ in 0..<poll.settings.dotAllowance {
                points[rng.chance(0.6) ? liked : rng.pick(ids), default: 0] += 1
            }
            return .points(points)
        case .meetingTime:
            return .availability(Dictionary(uniqueKeysWithValues: ids.map {
                ($0, $0 == liked ? MeetingAvailability.yes : rng.pick([.yes, .ifNeedBe, .no]))
            }))
        }
    }
}
