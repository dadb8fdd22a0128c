import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The decision permissions for a request, resolved from the partnership (and the proposal or
/// poll) its URL names.
enum DecisionAccess {
    static func view(_ req: Request) async throws -> Permission { .decision(.view(try await req.partnershipScope())) }
    static func propose(_ req: Request) async throws -> Permission { .decision(.propose(try await req.partnershipScope())) }
    static func participate(_ req: Request) async throws -> Permission { .decision(.participate(try await req.partnershipScope())) }

    /// Whoever put the proposal, or the chair. An id naming no proposal has no owner.
    static func manageProposal(_ req: Request) async throws -> Permission {
        let owner = try? await req.proposal().proposerID
        return .decision(.manage(DecisionScope(partnership: try await req.partnershipScope(), ownerID: owner)))
    }

    static func managePoll(_ req: Request) async throws -> Permission {
        let owner = try? await req.poll().createdBy
        return .decision(.manage(DecisionScope(partnership: try await req.partnershipScope(), ownerID: owner)))
    }
}

/// Absolute addresses for e-mail, from the site's configured base address.
enum DecisionMailLinks {
    /// Links to one partnership's decision pages.
    static func make(_ app: Application, slug: String) -> DecisionLinks {
        let base = app.webSettings.mail.baseURL
        return DecisionLinks(
            proposal: { id in base + SiteURL.proposal(slug, id.uuidString).path },
            poll: { id in base + SiteURL.poll(slug, id.uuidString).path },
            decision: { id in base + SiteURL.decision(slug, id.uuidString).path })
    }

    static func forPartnership(_ req: Request, slug: String) -> DecisionLinks {
        make(req.application, slug: slug)
    }
}

struct ProposalKey: StorageKey { typealias Value = ProposalRecord }
struct PollKey: StorageKey { typealias Value = PollRecord }
struct DecisionsSettledKey: StorageKey { typealias Value = Bool }

extension Request {
    /// Closed proposals and polls enter the decision log the first time anyone looks after they
    /// close; every decision page and API answer settles them before reading.
    func settleDecisions() async throws {
        if storage[DecisionsSettledKey.self] == true { return }
        let p = try await partnership()
        try await DecisionSettlement.settleDue(partnershipID: try p.requireID(),
                                               links: DecisionMailLinks.forPartnership(self, slug: p.slug), on: db)
        storage[DecisionsSettledKey.self] = true
    }

    /// The proposal named by `:id` in the partnership named by `:slug`, with positions and interests.
    func proposal(reload: Bool = false) async throws -> ProposalRecord {
        if !reload, let cached = storage[ProposalKey.self] { return cached }
        let p = try await partnership()
        guard let id = parameters.get("id", as: UUID.self),
              let r = try await DecisionQueries.proposal(id, in: try p.requireID(), on: db) else { throw NotFound("proposal") }
        storage[ProposalKey.self] = r
        return r
    }

    func poll(reload: Bool = false) async throws -> PollRecord {
        if !reload, let cached = storage[PollKey.self] { return cached }
        let p = try await partnership()
        guard let id = parameters.get("id", as: UUID.self),
              let r = try await DecisionQueries.poll(id, in: try p.requireID(), on: db) else { throw NotFound("poll") }
        storage[PollKey.self] = r
        return r
    }
}

/// Writing the outcome statement, the same use case from a proposal's page and a poll's.
enum DecisionStatementForm {
    /// Saves the statement for `subject`, then goes back to `done`; a refusal shows the page again.
    static func save(_ req: Request, subject: UUID, done: SiteURL,
                     refused: (ValidationFailure, FormInput, HTTPResponseStatus) async throws -> Response) async throws -> Response {
        let input = FormInput(req)
        do {
            _ = try await DecisionLogCommands.writeStatement(for: subject, in: try await req.partnership().requireID(), input["statement"],
                                                             expectedVersion: input.version, by: req.actor, on: req.db)
            req.flash("The outcome statement is in the decision log.")
            return req.seeOther(done)
        } catch let failure as ValidationFailure {
            return try await refused(failure, input, .unprocessableEntity)
        } catch let conflict as VersionConflict {
            return try await refused(ValidationFailure("statement", conflict.message), input, .conflict)
        }
    }
}
