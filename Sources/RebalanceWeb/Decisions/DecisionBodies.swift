import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The JSON shapes of proposals, polls and the decision log.
struct DecisionRulesBody: Encodable {
    let consensusAgreement: String
    let majority: String
    let quorum: String
    let excludedRoles: [String: [String]]
    let summary: [String]
    init(_ rules: DecisionRules) {
        let input = DecisionRules.Input(rules)
        consensusAgreement = input.consensusAgreement ?? ""
        majority = input.majority ?? ""
        quorum = input.quorum ?? ""
        excludedRoles = input.excludedRoles ?? [:]
        summary = rules.summaryLines
    }
}

struct PersonBody: Encodable { let id: UUID; let name: String }

struct CountsBody: Encodable {
    let eligible: Int
    let recused: Int
    let couldTakePart: Int
    let tookPart: Int
    let notResponded: Int
    let positions: [String: Int]
    let quorumNeeded: OrNull<Int>
    let quorumMet: OrNull<Bool>
    init(_ c: DecisionCounts) {
        eligible = c.eligible; recused = c.recused; couldTakePart = c.couldTakePart; tookPart = c.tookPart
        notResponded = c.notResponded
        positions = Dictionary(uniqueKeysWithValues: c.positions.map { ($0.position.rawValue, $0.count) })
        quorumNeeded = OrNull(c.quorumNeeded); quorumMet = OrNull(c.quorumMet)
    }
}

struct ProposalBody: Encodable {
    struct Change: Encodable { let at: Date; let from: OrNull<String>; let to: String; let reason: OrNull<String> }
    struct Position: Encodable {
        let person: PersonBody
        let position: String
        let reason: OrNull<String>
        let counted: Bool
        let history: [Change]
    }
    struct Interest: Encodable { let person: PersonBody; let interest: String; let declaredAt: Date }
    struct Outcome: Encodable {
        let kind: String
        let explanation: String
        let ifClosedNow: OrNull<String>
        let decidedAt: OrNull<Date>
        let counts: CountsBody
    }
    struct Withdrawal: Encodable { let at: Date; let reason: OrNull<String> }
    struct Standing: Encodable { let canTakePosition: Bool; let why: OrNull<String>; let position: OrNull<String> }

    let id: UUID
    let title: String
    let details: OrNull<String>
    let process: String
    let topic: String
    let proposer: PersonBody
    let openedAt: Date
    let deadline: Date
    let state: String
    let meeting: OrNull<String>
    let revisionOf: OrNull<UUID>
    let rules: DecisionRulesBody
    let outcome: Outcome
    let positions: [Position]
    let interests: [Interest]
    let withdrawal: OrNull<Withdrawal>
    let decision: OrNull<UUID>
    let statement: OrNull<String>
    let you: OrNull<Standing>
    let version: Int

    static func make(_ r: ProposalRecord, _ req: Request, now: Date = Date()) async throws -> ProposalBody {
        let p = try await req.partnership()
        let proposal = r.core
        let members = try await DecisionQueries.members(of: p, meeting: r.meeting, on: Day.today(now), db: req.db)
        let electorate = proposal.electorate(members: members)
        let outcome = proposal.outcome(members: members, at: now)
        var names = DecisionFormat.names(p)
        for (person, name) in r.namesOnRecord { names[person] = name }
        let person = { (id: UUID) in PersonBody(id: id, name: names[id] ?? "A former member") }
        let log = try await DecisionQueries.logEntry(subject: r.id!, on: req.db)
        var you: Standing?
        if let me = req.actor.personID {
            let may = proposal.mayRecordPosition(me, members: members, at: now)
            you = Standing(canTakePosition: may.isAllowed, why: OrNull(may.message), position: OrNull(proposal.positions[me]?.current.rawValue))
        }
        return ProposalBody(
            id: r.id!, title: r.title, details: OrNull(r.details), process: r.processRaw, topic: r.topicRaw,
            proposer: PersonBody(id: r.proposerID, name: r.proposerName), openedAt: r.openedAt, deadline: r.deadline,
            state: proposal.state(at: now).rawValue, meeting: OrNull(r.meeting?.description), revisionOf: OrNull(r.revisionOf),
            rules: DecisionRulesBody(r.rules),
            outcome: Outcome(kind: outcome.kind.rawValue, explanation: outcome.explanation, ifClosedNow: OrNull(outcome.ifClosedNow?.rawValue),
                             decidedAt: OrNull(outcome.decidedAt), counts: CountsBody(outcome.counts)),
            positions: proposal.positions.values.sorted { $0.firstRecordedAt < $1.firstRecordedAt }.map { h in
                Position(person: person(h.personID), position: h.current.rawValue, reason: OrNull(h.currentReason),
                         counted: electorate.couldTakePart.contains(h.personID),
                         history: h.changes.map { Change(at: $0.at, from: OrNull($0.from?.rawValue), to: $0.to.rawValue, reason: OrNull($0.reason)) })
            },
            interests: proposal.recusals.values.sorted { $0.declaredAt < $1.declaredAt }.map {
                Interest(person: person($0.personID), interest: $0.interest, declaredAt: $0.declaredAt)
            },
            withdrawal: OrNull(proposal.withdrawal.map { Withdrawal(at: $0.at, reason: OrNull($0.reason)) }),
            decision: OrNull(log?.id), statement: OrNull(log?.statement), you: OrNull(you), version: r.version)
    }
}

struct PollBody: Encodable {
    struct Option: Encodable { let id: String; let label: String; let startsAt: OrNull<Date>; let endsAt: OrNull<Date> }
    struct Settings: Encodable {
        let allowsBlankBallots: Bool
        let maximumChoices: OrNull<Int>
        let scoreMinimum: Int
        let scoreMaximum: Int
        let dotAllowance: Int
    }
    struct Ballot: Encodable { let voter: PersonBody; let ballot: PollBallot }

    let id: UUID
    let title: String
    let details: OrNull<String>
    let kind: String
    let options: [Option]
    let settings: Settings
    let anonymous: Bool
    let resultsVisibility: String
    let audience: String
    let createdBy: PersonBody
    let openedAt: Date
    let closesAt: Date
    let state: String
    let voters: Int
    let youHaveVoted: Bool
    let results: OrNull<PollTotals>
    let ballots: OrNull<[Ballot]>
    let decision: OrNull<UUID>
    let statement: OrNull<String>
    let version: Int

    static func make(_ r: PollRecord, _ req: Request, now: Date = Date()) async throws -> PollBody {
        let p = try await req.partnership()
        let poll = r.core
        let names = DecisionFormat.names(p)
        let voted = try await DecisionQueries.voters(of: r.id!, on: req.db)
        let hasVoted = req.actor.personID.map(voted.contains) ?? false
        let visible = poll.mayShowResults(viewerHasVoted: hasVoted, at: now)
        let result = try await DecisionQueries.result(of: r, at: now, on: req.db)
        var ballots: [Ballot]?
        if visible, case .named(let named) = result {
            ballots = named.ballots.map { Ballot(voter: PersonBody(id: $0.voterID, name: names[$0.voterID] ?? "A former member"), ballot: $0.ballot) }
        }
        let log = try await DecisionQueries.logEntry(subject: r.id!, on: req.db)
        let s = r.settings
        return PollBody(
            id: r.id!, title: r.title, details: OrNull(r.details), kind: r.kindRaw,
            options: r.options.map { Option(id: $0.id.rawValue, label: $0.label, startsAt: OrNull($0.slot?.startsAt), endsAt: OrNull($0.slot?.endsAt)) },
            settings: Settings(allowsBlankBallots: s.allowsBlankBallots, maximumChoices: OrNull(s.maximumChoices),
                               scoreMinimum: s.scoreMinimum, scoreMaximum: s.scoreMaximum, dotAllowance: s.dotAllowance),
            anonymous: r.isAnonymous, resultsVisibility: r.resultsVisibilityRaw, audience: r.audienceRaw,
            createdBy: PersonBody(id: r.createdBy, name: r.createdByName), openedAt: r.openedAt, closesAt: poll.closedAt(at: now) ?? r.closesAt,
            state: poll.state(at: now).rawValue, voters: voted.count, youHaveVoted: hasVoted,
            results: OrNull(visible ? result.totals : nil), ballots: OrNull(ballots),
            decision: OrNull(log?.id), statement: OrNull(log?.statement), version: r.version)
    }
}

struct DecisionBody: Encodable {
    let id: UUID
    let source: String
    let subjectId: UUID
    let title: String
    let method: String
    let result: String
    let headline: String
    let explanation: String
    let decidedAt: Date
    let counts: OrNull<CountsBody>
    let revisionOf: OrNull<UUID>
    let statement: OrNull<String>
    let statementBy: OrNull<String>
    let statementAt: OrNull<Date>
    let version: Int

    init(_ d: DecisionLogRecord) {
        id = d.id!; source = d.sourceRaw; subjectId = d.subjectID; title = d.title; method = d.method; result = d.resultRaw
        headline = d.headline; explanation = d.explanation; decidedAt = d.decidedAt
        counts = OrNull(d.entry?.counts.map(CountsBody.init)); revisionOf = OrNull(d.revisionOf)
        statement = OrNull(d.statement); statementBy = OrNull(d.statementBy); statementAt = OrNull(d.statementAt); version = d.version
    }
}
