import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The funder's award and its payment schedule (issue 15). A site administrator records the
/// first offer, naming the funder; from then on the funder's own staff keep it.
enum FundingPages {
    static func endpoints() -> [Endpoint] {
        [
            .page(.POST, .fundingOffer(":slug"), .resolved(permission), handler: offer),
            .page(.POST, .tranches(":slug"), .resolved(permission), handler: tranche),
        ]
    }

    static func permission(_ req: Request) async throws -> Permission { .money(.manageFunding(try await MoneyPages.scope(req))) }

    static func offerForm(_ req: Request, _ p: PartnershipRecord, picture: MoneyPicture) async throws -> FormView {
        var fields: [FieldView] = []
        if picture.offer == nil {
            let funders = try await OrganisationQueries.all(kind: .funder, on: req.db)
            fields.append(.select("funder", "Funder", options: funders.map { .init(value: $0.id!.uuidString, label: $0.name) }, blank: "Choose the funder"))
        }
        fields += [
            .text("award", "Total award in pounds", hint: "Big Local areas are usually awarded 1,100,000; any amount may be recorded", width: "medium"),
            .date("offeredOn", "Date of the offer letter"),
        ]
        return FormView(req, action: SiteURL.fundingOffer(p.slug).path, submit: picture.offer == nil ? "Record the offer" : "Change the award", fields: fields)
    }

    static func trancheForm(_ req: Request, _ p: PartnershipRecord, picture: MoneyPicture) -> FormView {
        var fields: [FieldView] = [
            .date("due", "Date due"),
            .text("amount", "Amount in pounds", width: "medium"),
        ]
        if picture.ltos.count > 1 {
            fields.append(.select("lto", "Paid to", options: picture.ltos.sorted { $0.value < $1.value }.map { .init(value: $0.key.uuidString, label: $0.value) },
                                  blank: "Choose the LTO"))
        }
        return FormView(req, action: SiteURL.tranches(p.slug).path, submit: "Add to the schedule", fields: fields)
    }

    static func offer(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await MoneyPages.picture(req)
        let input = FormInput(req)
        do {
            var errors = FieldErrorList()
            let award = Pence.parse(input["award"], field: "award", label: "the award", into: &errors)
            let day = DayRules.required(input["offeredOn"], field: "offeredOn", label: "Date of the offer letter", into: &errors)
            var funder = picture.offer?.$funder.id
            if funder == nil {
                let funders = Set(try await OrganisationQueries.all(kind: .funder, on: req.db).compactMap(\.id))
                funder = UUID(uuidString: input["funder"] ?? "").flatMap { funders.contains($0) ? $0 : nil }
                if funder == nil { errors.add("funder", "Choose the funder") }
            }
            try errors.throwIfAny()
            _ = try await MoneyCommands.offer(to: try p.requireID(), funder: funder!, award: award!, on: day!, by: req.actor, on: req.db)
            req.flash("The award of \(award!.roundedPounds) has been recorded.")
            return req.seeOther(.money(p.slug))
        } catch let failure as ValidationFailure {
            return try await MoneyPages.summary(req, offerForm: try await offerForm(req, p, picture: picture).showing(input.values, errors: failure.errors),
                                                status: .unprocessableEntity)
        }
    }

    static func tranche(_ req: Request) async throws -> Response {
        let p = try await req.partnership()
        let picture = try await MoneyPages.picture(req)
        let input = FormInput(req)
        do {
            guard let offer = picture.offer, let content = picture.content else {
                throw ValidationFailure("due", "Record the offer and the plan before the schedule of payments")
            }
            let t = try FundingRules.tranche(due: input["due"], amount: input["amount"], lto: input["lto"], ltos: Set(picture.ltos.keys),
                                             programme: content.programme, id: UUID())
            _ = try await MoneyCommands.addTranche(t, to: offer, by: req.actor, on: req.db)
            req.flash("A payment of \(t.amount.roundedPounds) due \(t.due.readable) has been added to the schedule.")
            return req.seeOther(.money(p.slug))
        } catch let failure as ValidationFailure {
            return try await MoneyPages.summary(req, trancheForm: trancheForm(req, p, picture: picture).showing(input.values, errors: failure.errors),
                                                status: .unprocessableEntity)
        }
    }
}
