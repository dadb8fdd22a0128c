import FluentKit
import Foundation
import RebalanceCore

/// A year of Fernhill decisions, made through the same commands as the pages: consensus,
/// consent and majority votes, a blocked proposal revised and passed, a declared interest, a
/// withdrawal, polls of every kind (one anonymous), and a proposal and a poll still open.
/// The e-mail those decisions would have sent at the time is not left in the outbox.
/// Loading twice changes nothing: it stops if Fernhill already has a proposal.
enum DemoDecisions {
    /// Demo pages link nowhere real; the notices these build are removed again below.
    static let links = DecisionLinks(proposal: { "/proposals/\($0)" }, poll: { "/polls/\($0)" }, decision: { "/decisions/\($0)" })

    static func load(on db: any Database, now: Date = Date()) async throws {
        try await db.writeTransaction { tx in
            guard let p = try await PartnershipRecord.query(on: tx).filter(\.$slug == "fernhill-big-local-partnership").first() else { return }
            let pid = try p.requireID()
            if try await ProposalRecord.query(on: tx).filter(\.$partnership.$id == pid).first() != nil { return }
            let today = Day.today(now)
            var people: [String: Actor] = [:]
            for key in ["ada", "tom", "priya", "gwen", "samir", "lucy", "dennis", "joe", "mary", "kofi"] {
                let email = key == "joe" ? "joe@fernhilltrust.example" : key == "mary" ? "mary@stannes.example"
                    : key == "dennis" ? "dennis@harbourside.example" : "\(key)@fernhill.example"
                guard let person = try await PersonRecord.query(on: tx).filter(\.$email == email).first() else { return }
                people[key] = Actor(personID: person.id, name: person.name)
            }
            func who(_ key: String) -> Actor { people[key]! }
            /// 19:00 UK time `days` days ago (negative: in the future), plus `minutes`.
            func at(_ days: Int, _ minutes: Int = 0) -> Date {
                DecisionTime.parse("\(today.adding(days: -days))T19:00")!.addingTimeInterval(TimeInterval(minutes * 60))
            }
            func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

            func propose(_ by: String, _ days: Int, closesIn: Int, _ title: String, _ details: String, _ process: DecisionProcess,
                         _ topic: ProposalTopic, revising: UUID? = nil) async throws -> UUID {
                let r = try await ProposalCommands.open(
                    in: pid, .init(title: title, details: details, process: process.rawValue, topic: topic.rawValue,
                                   deadline: stamp(at(days - closesIn, 120)), revisionOf: revising?.uuidString),
                    now: at(days), links: links, by: who(by), on: tx)
                return try r.requireID()
            }
            func take(_ id: UUID, _ positions: [(String, ProposalPosition, String?)], from days: Int) async throws {
                for (n, (key, position, reason)) in positions.enumerated() {
                    try await ProposalCommands.recordPosition(id, in: pid, PositionInput(position, reason: reason),
                                                              now: at(days, 30 + n * 47), by: who(key), on: tx)
                }
            }
            func settle() async throws {
                try await DecisionSettlement.settleDue(partnershipID: pid, now: now, links: links, on: tx)
            }
            func state(_ subject: UUID, by: String, _ days: Int, _ text: String) async throws -> UUID {
                try await settle()
                return try await DecisionLogCommands.writeStatement(for: subject, in: pid, text, expectedVersion: nil, now: at(days),
                                                                    by: who(by), on: tx).requireID()
            }

            // A fun day agreed by consensus, and the commitment that carried it out.
            let funDay = try await propose("tom", 320, closesIn: 7, "Fund the summer fun day in Fernhill Park (£1,200)",
                                           "A free afternoon in the park on the first Saturday of July: stalls from local groups, a bouncy castle and a bike repair tent. £1,200 from the Big Local budget, held by the Trust.",
                                           .consensus, .funding)
            try await take(funDay, [("tom", .agree, nil), ("ada", .agree, nil), ("priya", .agree, nil), ("gwen", .abstain, nil),
                                    ("samir", .agree, nil), ("lucy", .agree, nil), ("joe", .agree, nil), ("mary", .agree, nil)], from: 319)
            let funDecision = try await state(funDay, by: "tom", 311,
                                              "The fun day goes ahead on the first Saturday of July. Kofi books the park with the Parks team and the Trust holds the £1,200.")
            let c = try await CommitmentCommands.create(
                in: pid, .init(title: "Book the park and the stalls for the summer fun day", owner: "partnership",
                               recipient: try await CommitmentQueries.parties(of: pid, on: tx).first { $0.kind == .councilTeam && $0.name.hasPrefix("Parks") }?.key,
                               dueOn: today.adding(days: -260).description, size: CommitmentSize.earlyWin.rawValue, state: CommitmentState.agreed.rawValue),
                confirmOverPromise: true, decision: funDecision, today: today.adding(days: -311), by: who("tom"), on: tx)
            _ = try await CommitmentCommands.transition(try c.requireID(), in: pid, expectedVersion: c.version,
                                                        .init(state: CommitmentState.delivered.rawValue, on: today.adding(days: -266).description),
                                                        today: today.adding(days: -266), by: who("tom"), on: tx)

            // CCTV blocked, then revised into lighting and a youth worker, which passed.
            let cctv = try await propose("tom", 210, closesIn: 10, "Spend £12,000 on CCTV cameras for the Mill Road parade",
                                         "Four cameras covering the shops and the bus stop, monitored by the council's control room.",
                                         .consensus, .funding)
            try await take(cctv, [("tom", .agree, nil), ("ada", .agree, nil), ("samir", .agree, nil),
                                  ("priya", .block, "Cameras move the trouble round the corner. Residents in the survey asked for better lighting and something for young people first."),
                                  ("gwen", .disagree, "Too much of the budget on one thing."), ("lucy", .abstain, nil), ("joe", .agree, nil),
                                  ("mary", .abstain, nil)], from: 209)
            try await settle()
            let lighting = try await propose("tom", 198, closesIn: 8, "Spend £12,000 on lighting and a detached youth worker for the Mill Road parade",
                                             "Revised after Priya's block: £7,000 for brighter lighting on the parade and the cut-through to the park, and £5,000 for a detached youth worker two evenings a week for a year. No cameras.",
                                             .consensus, .funding, revising: cctv)
            try await take(lighting, [("tom", .agree, nil), ("priya", .agree, "This is what residents asked for."),
                                      ("gwen", .disagree, "I am unsure about the youth worker's hours."), ("ada", .agree, nil),
                                      ("samir", .agree, nil), ("lucy", .agree, nil), ("joe", .agree, nil), ("mary", .abstain, nil)], from: 197)
            try await ProposalCommands.recordPosition(lighting, in: pid, PositionInput(.agree, reason: "Happy now the hours are set out."),
                                                      now: at(193), by: who("gwen"), on: tx)
            _ = try await state(lighting, by: "tom", 189, "Lighting goes in this winter; the youth worker starts in the spring, funded for a year and reviewed at the annual plan review.")

            // Consent for a small change, and a majority vote on membership.
            let venue = try await propose("ada", 100, closesIn: 4, "Hold the March partnership meeting in St Anne's hall",
                                          "The community centre is being rewired that week. St Anne's offers its hall free.", .consent, .general)
            try await take(venue, [("tom", .consent, nil), ("mary", .consent, "Happy to host.")], from: 99)
            let friends = try await propose("gwen", 80, closesIn: 7, "Invite the Friends of Fernhill Park to nominate a partnership member",
                                            "They run the fun day and look after the park; a seat would give them a voice in the partnership's plans.",
                                            .majorityVote, .membership)
            try await take(friends, [("gwen", .yes, nil), ("ada", .yes, nil), ("tom", .yes, nil), ("samir", .yes, nil), ("joe", .yes, nil),
                                     ("dennis", .yes, nil), ("lucy", .no, "We should recruit residents one by one, not give groups seats."),
                                     ("priya", .abstain, nil)], from: 79)

            // A grant decided with a declared interest.
            let tank = try await propose("samir", 45, closesIn: 7, "Grant £1,500 to Fernhill Allotment Society for a water tank",
                                         "A 5,000-litre tank to collect rainwater from the shed roofs, so plot holders stop carrying water from the standpipe.",
                                         .majorityVote, .funding)
            try await ProposalCommands.recuse(tank, in: pid, interest: "I am the Allotment Society's treasurer.", now: at(45, 20), by: who("lucy"), on: tx)
            try await take(tank, [("samir", .yes, nil), ("ada", .yes, nil), ("tom", .yes, nil), ("gwen", .yes, nil), ("joe", .yes, nil),
                                  ("priya", .no, "The society has its own reserves for this.")], from: 44)
            _ = try await state(tank, by: "samir", 37, "The Trust pays the grant once the society sends a quote; Lucy stepped aside throughout.")

            // Withdrawn in favour of asking residents first.
            let rename = try await propose("samir", 60, closesIn: 7, "Rename the partnership “Fernhill Together”",
                                           "A shorter name for leaflets and the newsletter.", .consent, .general)
            let renameRecord = try await DecisionQueries.requireProposal(rename, in: pid, on: tx)
            try await ProposalCommands.withdraw(rename, in: pid, reason: "Better to ask residents first: a poll is coming.",
                                                expectedVersion: renameRecord.version, now: at(58), links: links, by: who("samir"), on: tx)

            // Still open: a homework club.
            let homework = try await propose("mary", 2, closesIn: 7, "Fund a homework club at St Anne's for a year (£3,600)",
                                             "Two evenings a week in the school library, run by a paid coordinator and volunteers, open to any child on the estate.",
                                             .consensus, .funding)
            try await take(homework, [("mary", .agree, nil), ("ada", .agree, nil), ("priya", .agree, "This was near the top of the survey."),
                                      ("gwen", .disagree, "I would like to see the costs split out before I agree.")], from: 1)

            // Polls.
            func poll(_ by: String, _ days: Int, closesIn: Int, _ title: String, _ kind: PollKind, _ options: [String],
                      anonymous: Bool = false, visibility: PollResultsVisibility = .always, allowance: String? = nil,
                      slotMinutes: String? = nil, audience: PollAudience = .votingMembers) async throws -> PollRecord {
                try await PollCommands.open(
                    in: pid, .init(title: title, kind: kind.rawValue, options: options, slotMinutes: slotMinutes, anonymous: anonymous,
                                   resultsVisibility: visibility.rawValue, closesAt: stamp(at(days - closesIn, 120)),
                                   dotAllowance: allowance, audience: audience.rawValue),
                    now: at(days), links: links, by: who(by), on: tx)
            }
            func vote(_ r: PollRecord, _ days: Int, _ ballots: [(String, PollBallotInput)]) async throws {
                for (n, (key, ballot)) in ballots.enumerated() {
                    try await PollCommands.vote(try r.requireID(), in: pid, ballot, now: at(days, 15 + n * 31), by: who(key), on: tx)
                }
            }
            let choices = { (ids: [String]) in PollBallotInput(choices: ids) }
            let values = { (v: [String: String]) in PollBallotInput(values: v) }

            let stalls = try await poll("lucy", 330, closesIn: 5, "Which stalls should the fun day have?", .approval,
                                        ["Bouncy castle", "Community food stall", "Bike repair tent", "Face painting", "Local history display"])
            try await vote(stalls, 329, [("lucy", choices(["1", "2", "3"])), ("ada", choices(["2", "5"])), ("tom", choices(["1", "3"])),
                                         ("priya", choices(["2", "3", "4"])), ("gwen", choices(["2", "5"])), ("samir", choices(["1", "2"])),
                                         ("joe", choices(["3"])), ("mary", choices(["1", "4"]))])

            let name = try await poll("kofi", 150, closesIn: 7, "What should the community newsletter be called?", .rankedChoice,
                                      ["Fernhill Voice", "Mill Road News", "The Fernhill Flyer", "Our Patch"])
            try await vote(name, 149, [("ada", choices(["1", "3"])), ("tom", choices(["2", "1"])), ("priya", choices(["3", "1", "4"])),
                                       ("gwen", choices(["4"])), ("samir", choices(["1"])), ("lucy", choices(["2", "3"])),
                                       ("dennis", choices(["3", "2"])), ("joe", choices(["4", "2"])), ("mary", choices(["1", "2"]))])
            _ = try await state(try name.requireID(), by: "kofi", 140, "The newsletter is Fernhill Voice from the spring issue.")

            let review = try await poll("ada", 40, closesIn: 10, "How well did each project work this year?", .score,
                                        ["Park lighting", "Friday youth club", "Winter warm space", "The newsletter"],
                                        anonymous: true, visibility: .afterClosing)
            try await vote(review, 39, [("ada", values(["1": "4", "2": "5", "3": "3", "4": "4"])), ("tom", values(["1": "3", "2": "5", "3": "2", "4": "4"])),
                                        ("priya", values(["1": "2", "2": "4", "3": "4", "4": "3"])), ("gwen", values(["1": "4", "2": "4", "3": "3", "4": "2"])),
                                        ("samir", values(["1": "5", "2": "3", "3": "2", "4": "4"])), ("joe", values(["1": "3", "2": "5", "3": "4", "4": "3"]))])

            let money = try await poll("gwen", 25, closesIn: 7, "Where should the next £10,000 go?", .dotVote,
                                       ["Play area repairs", "Homework club", "Community centre kitchen", "Tree planting"], allowance: "10")
            try await vote(money, 24, [("gwen", values(["1": "4", "4": "6"])), ("ada", values(["2": "5", "3": "5"])), ("tom", values(["1": "10"])),
                                       ("priya", values(["2": "7", "4": "3"])), ("samir", values(["1": "3", "2": "3", "3": "4"])),
                                       ("mary", values(["2": "10"])), ("joe", values(["3": "6", "4": "4"]))])

            let slots = (28...30).map { stamp(at(-$0)) }
            let meeting = try await poll("ada", 12, closesIn: 7, "When should we hold the annual plan review?", .meetingTime, slots,
                                         slotMinutes: "120", audience: .allMembers)
            try await vote(meeting, 11, [("ada", values(["1": "yes", "2": "if_need_be", "3": "no"])), ("tom", values(["1": "yes", "2": "yes", "3": "no"])),
                                         ("kofi", values(["1": "no", "2": "yes", "3": "yes"])), ("priya", values(["1": "yes", "2": "no", "3": "if_need_be"])),
                                         ("mary", values(["1": "if_need_be", "2": "yes", "3": "yes"])), ("gwen", values(["1": "yes", "2": "if_need_be", "3": "no"]))])

            let evening = try await poll("mary", 1, closesIn: 6, "Which evening suits the homework club best?", .singleChoice,
                                         ["Monday", "Tuesday", "Wednesday", "Thursday"])
            try await vote(evening, 1, [("mary", choices(["2"])), ("ada", choices(["2"])), ("lucy", choices(["4"]))])

            try await settle()
            // What those decisions would have sent at the time is history now, not mail to send.
            for m in try await OutboxMessageRecord.query(on: tx).filter(\.$partnershipID == pid).all()
            where ["proposal-", "poll-"].contains(where: { (m.dedupeKey ?? "").hasPrefix($0) }) {
                try await m.delete(on: tx)
            }
        }
    }
}
