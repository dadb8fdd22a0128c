import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// Proposals, polls and the decision log through the JSON API: the same commands as the pages.
enum DecisionAPI {
    struct ProposalInput: Decodable {
        var title: String?, details: String?, process: String?, topic: String?, deadline: String?, revisionOf: String?, meeting: String?
    }
    struct PositionBody: Decodable { var position: String?; var reason: String? }
    struct InterestBody: Decodable { var interest: String? }
    struct WithdrawBody: Decodable { var reason: String?; var version: Int? }
    struct VersionBody: Decodable { var version: Int? }
    struct StatementBody: Decodable { var statement: String?; var version: Int? }
    struct PollInput: Decodable {
        var title: String?, details: String?, kind: String?, options: [String]?, slotMinutes: Int?, anonymous: Bool?
        var resultsVisibility: String?, closesAt: String?, allowsBlankBallots: Bool?, maximumChoices: Int?
        var scoreMinimum: Int?, scoreMaximum: Int?, dotAllowance: Int?, audience: String?
    }
    /// A ballot: `choices` for approval, single and ranked choice (most preferred first), or a
    /// value per option id: `scores`, `points`, or `availability` (yes, if_need_be, no).
    struct VoteBody: Decodable {
        var choices: [String]?
        var scores: [String: Int]?
        var points: [String: Int]?
        var availability: [String: String]?

        var input: PollBallotInput {
            if let choices { return PollBallotInput(choices: choices) }
            let values = scores.map { $0.mapValues(String.init) } ?? points.map { $0.mapValues(String.init) } ?? availability ?? [:]
            return PollBallotInput(values: values)
        }
    }
    struct Recorded<Subject: Encodable>: Encodable { let recorded: String; let subject: Subject }

    static func endpoints() -> [Endpoint] {
        proposalEndpoints() + pollEndpoints() + logEndpoints()
    }

    static func links(_ req: Request) async throws -> DecisionLinks {
        DecisionMailLinks.forPartnership(req, slug: try await req.partnership().slug)
    }

    static func proposalEndpoints() -> [Endpoint] {
        let errorsOnChange = [401, 403, 404, 409, 422]
        return [
            .api(.GET, .proposals(":slug"), .resolved(DecisionAccess.view),
                 doc: APIDoc(summary: "The partnership's proposals, newest first, with where each stands", tag: "decisions",
                             query: APIDoc.paging, response: .list("Proposal"), errors: [401, 403, 404])) { req in
                try await req.settleDecisions()
                let paging = try Paging(req)
                let all = try await DecisionQueries.proposals(in: try await req.partnership().requireID(), on: req.db)
                var items: [ProposalBody] = []
                for r in paging.slice(all) { items.append(try await ProposalBody.make(r, req)) }
                return try API.json(ListBody(items, paging: paging, total: all.count))
            },
            .api(.POST, .proposals(":slug"), .resolved(DecisionAccess.propose),
                 doc: APIDoc(summary: "Put a proposal (members); eligible members are told by e-mail", tag: "decisions",
                             request: "ProposalInput", response: .object("Proposal"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(ProposalInput.self, from: req)
                let r = try await ProposalCommands.open(
                    in: try p.requireID(), .init(title: input.title, details: input.details, process: input.process, topic: input.topic,
                                                 deadline: input.deadline, revisionOf: input.revisionOf, meeting: input.meeting),
                    links: try await links(req), by: req.actor, on: req.db)
                guard let fresh = try await DecisionQueries.proposal(r.id!, in: try p.requireID(), on: req.db) else { throw NotFound("proposal") }
                return try API.json(try await ProposalBody.make(fresh, req), status: .created)
            },
            .api(.GET, .proposal(":slug", ":id"), .resolved(DecisionAccess.view),
                 doc: APIDoc(summary: "One proposal: positions with their history, declared interests, the rules and the outcome",
                             tag: "decisions", response: .object("Proposal"), errors: [401, 403, 404])) { req in
                try await req.settleDecisions()
                return try API.json(try await ProposalBody.make(try await req.proposal(), req))
            },
            .api(.POST, .proposalPositions(":slug", ":id"), .resolved(DecisionAccess.participate),
                 doc: APIDoc(summary: "Take or change your position (block, disagree and object need a reason)", tag: "decisions",
                             request: "PositionInput", response: .object("ProposalPositionRecorded"), errors: [401, 403, 404, 422])) { req in
                let (p, r) = (try await req.partnership(), try await req.proposal())
                let input = try API.body(PositionBody.self, from: req)
                let result = try await ProposalCommands.recordPosition(r.id!, in: try p.requireID(),
                                                                       PositionInput(position: input.position, reason: input.reason),
                                                                       by: req.actor, on: req.db)
                return try API.json(Recorded(recorded: result.rawValue, subject: try await ProposalBody.make(try await req.proposal(reload: true), req)))
            },
            .api(.POST, .proposalInterests(":slug", ":id"), .resolved(DecisionAccess.participate),
                 doc: APIDoc(summary: "Declare an interest and step aside from the proposal", tag: "decisions",
                             request: "InterestInput", response: .object("Proposal"), errors: [401, 403, 404, 422])) { req in
                let (p, r) = (try await req.partnership(), try await req.proposal())
                let input = try API.body(InterestBody.self, from: req)
                try await ProposalCommands.recuse(r.id!, in: try p.requireID(), interest: input.interest, by: req.actor, on: req.db)
                return try API.json(try await ProposalBody.make(try await req.proposal(reload: true), req))
            },
            .api(.POST, .proposalWithdraw(":slug", ":id"), .resolved(DecisionAccess.manageProposal),
                 doc: APIDoc(summary: "Withdraw an open proposal (its proposer or the chair)", tag: "decisions",
                             request: "WithdrawInput", response: .object("Proposal"), errors: errorsOnChange)) { req in
                let (p, r) = (try await req.partnership(), try await req.proposal())
                let input = try API.body(WithdrawBody.self, from: req)
                try await ProposalCommands.withdraw(r.id!, in: try p.requireID(), reason: input.reason,
                                                    expectedVersion: try API.requireVersion(input.version), links: try await links(req),
                                                    by: req.actor, on: req.db)
                return try API.json(try await ProposalBody.make(try await req.proposal(reload: true), req))
            },
            .api(.POST, .proposalClose(":slug", ":id"), .resolved(DecisionAccess.manageProposal),
                 doc: APIDoc(summary: "Close before the deadline, once everyone who can take part has", tag: "decisions",
                             request: "VersionInput", response: .object("Proposal"), errors: errorsOnChange)) { req in
                let (p, r) = (try await req.partnership(), try await req.proposal())
                let input = try API.body(VersionBody.self, from: req)
                _ = try await ProposalCommands.closeEarly(r.id!, in: try p.requireID(), expectedVersion: try API.requireVersion(input.version),
                                                          links: try await links(req), by: req.actor, on: req.db)
                return try API.json(try await ProposalBody.make(try await req.proposal(reload: true), req))
            },
            .api(.PUT, .proposalOutcome(":slug", ":id"), .resolved(DecisionAccess.manageProposal),
                 doc: APIDoc(summary: "Write the outcome statement of a closed proposal (its proposer or the chair)", tag: "decisions",
                             request: "StatementInput", response: .object("Decision"), errors: errorsOnChange)) { req in
                let (p, r) = (try await req.partnership(), try await req.proposal())
                try await req.settleDecisions()
                let input = try API.body(StatementBody.self, from: req)
                let log = try await DecisionLogCommands.writeStatement(for: r.id!, in: try p.requireID(), input.statement,
                                                                       expectedVersion: try API.requireVersion(input.version), by: req.actor, on: req.db)
                return try API.json(DecisionBody(log))
            },
        ]
    }

    static func pollEndpoints() -> [Endpoint] {
        [
            .api(.GET, .polls(":slug"), .resolved(DecisionAccess.view),
                 doc: APIDoc(summary: "The partnership's polls, newest first; totals only where they may be seen", tag: "decisions",
                             query: APIDoc.paging, response: .list("Poll"), errors: [401, 403, 404])) { req in
                try await req.settleDecisions()
                let paging = try Paging(req)
                let all = try await DecisionQueries.polls(in: try await req.partnership().requireID(), on: req.db)
                var items: [PollBody] = []
                for r in paging.slice(all) { items.append(try await PollBody.make(r, req)) }
                return try API.json(ListBody(items, paging: paging, total: all.count))
            },
            .api(.POST, .polls(":slug"), .resolved(DecisionAccess.propose),
                 doc: APIDoc(summary: "Start a poll (members); those who may answer are told by e-mail", tag: "decisions",
                             request: "PollInput", response: .object("Poll"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let i = try API.body(PollInput.self, from: req)
                let r = try await PollCommands.open(
                    in: try p.requireID(),
                    .init(title: i.title, details: i.details, kind: i.kind, options: i.options, slotMinutes: i.slotMinutes.map(String.init),
                          anonymous: i.anonymous, resultsVisibility: i.resultsVisibility, closesAt: i.closesAt,
                          allowsBlankBallots: i.allowsBlankBallots, maximumChoices: i.maximumChoices.map(String.init),
                          scoreMinimum: i.scoreMinimum.map(String.init), scoreMaximum: i.scoreMaximum.map(String.init),
                          dotAllowance: i.dotAllowance.map(String.init), audience: i.audience),
                    links: try await links(req), by: req.actor, on: req.db)
                return try API.json(try await PollBody.make(r, req), status: .created)
            },
            .api(.GET, .poll(":slug", ":id"), .resolved(DecisionAccess.view),
                 doc: APIDoc(summary: "One poll; its totals when they may be seen, and each voter's ballot unless it is anonymous",
                             tag: "decisions", response: .object("Poll"), errors: [401, 403, 404])) { req in
                try await req.settleDecisions()
                return try API.json(try await PollBody.make(try await req.poll(), req))
            },
            .api(.POST, .pollVotes(":slug", ":id"), .resolved(DecisionAccess.participate),
                 doc: APIDoc(summary: "Cast your vote, or change it (named polls only)", tag: "decisions",
                             request: "VoteInput", response: .object("PollVoteRecorded"), errors: [401, 403, 404, 422])) { req in
                let (p, r) = (try await req.partnership(), try await req.poll())
                let input = try API.body(VoteBody.self, from: req)
                let result = try await PollCommands.vote(r.id!, in: try p.requireID(), input.input, by: req.actor, on: req.db)
                return try API.json(Recorded(recorded: result.rawValue, subject: try await PollBody.make(try await req.poll(reload: true), req)))
            },
            .api(.POST, .pollClose(":slug", ":id"), .resolved(DecisionAccess.managePoll),
                 doc: APIDoc(summary: "Close the poll now (whoever started it, or the chair)", tag: "decisions",
                             response: .object("Poll"), errors: [401, 403, 404, 422])) { req in
                let (p, r) = (try await req.partnership(), try await req.poll())
                _ = try await PollCommands.close(r.id!, in: try p.requireID(), links: try await links(req), by: req.actor, on: req.db)
                return try API.json(try await PollBody.make(try await req.poll(reload: true), req))
            },
            .api(.PUT, .pollOutcome(":slug", ":id"), .resolved(DecisionAccess.managePoll),
                 doc: APIDoc(summary: "Write the outcome statement of a closed poll", tag: "decisions",
                             request: "StatementInput", response: .object("Decision"), errors: [401, 403, 404, 409, 422])) { req in
                let (p, r) = (try await req.partnership(), try await req.poll())
                try await req.settleDecisions()
                let input = try API.body(StatementBody.self, from: req)
                let log = try await DecisionLogCommands.writeStatement(for: r.id!, in: try p.requireID(), input.statement,
                                                                       expectedVersion: try API.requireVersion(input.version), by: req.actor, on: req.db)
                return try API.json(DecisionBody(log))
            },
        ]
    }

    static func logEndpoints() -> [Endpoint] {
        [
            .api(.GET, .decisions(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The decision log: closed proposals and polls, newest first", tag: "decisions",
                             query: APIDoc.paging, response: .list("Decision"), errors: [404])) { req in
                try await req.settleDecisions()
                let paging = try Paging(req)
                let all = try await DecisionQueries.log(in: try await req.partnership().requireID(), on: req.db)
                return try API.json(ListBody(paging.slice(all).map(DecisionBody.init),
                                             paging: paging, total: all.count))
            },
            .api(.GET, .decision(":slug", ":id"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "One decision-log entry", tag: "decisions", response: .object("Decision"), errors: [404])) { req in
                try await req.settleDecisions()
                guard let id = req.parameters.get("id", as: UUID.self),
                      let d = try await DecisionQueries.logEntry(id, in: try await req.partnership().requireID(), on: req.db) else {
                    throw NotFound("decision")
                }
                return try API.json(DecisionBody(d))
            },
        ]
    }
}
