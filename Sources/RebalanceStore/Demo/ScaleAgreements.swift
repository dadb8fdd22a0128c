import FluentKit
import Foundation
import RebalanceCore

/// The partnership's agreement with its council: a first version a few months after forming,
/// then a reviewed version every three years or so, each signed by the chair and the council
/// officer of the day. The newest may still be a draft. Later proposals follow the decision
/// rules of the version in force when they open.
enum ScaleAgreements: ScalePart {
    static let name = "agreements"

    static func generate(_ area: ScaleArea, rng: inout ScaleRandom) throws {
        var drafted = area.formedOn.adding(days: rng.int(60...120))
        var number = 1
        var rules = try DecisionRules(consensusAgreement: rng.pick([.threeQuarters, .twoThirds]),
                                      majority: rng.pick([.simpleMajority, .simpleMajority, .twoThirds]),
                                      quorum: .share(.atLeast(.half)!),
                                      excludedRoles: rng.chance(0.6) ? [.funding: [.councillor, .councilOfficer]] : [:])
        while drafted <= area.ends {
            let next = ScaleCalendar.monthStart(drafted, plus: rng.int(30...42)).adding(days: rng.int(0...20))
            let drafter = area.secretary(on: drafted, &rng)
            let officer = area.officer(on: drafted)
            let partnershipSigns = drafted.adding(days: rng.int(10...30))
            let councilSigns = partnershipSigns.adding(days: rng.int(3...30))
            // The newest version may still be waiting for signatures when history ends.
            let signed = councilSigns <= area.ends && (next <= area.ends || rng.chance(0.5))
            if number > 1, rng.chance(0.3) {
                rules = try DecisionRules(consensusAgreement: rules.consensusAgreement, majority: rng.pick([.simpleMajority, .twoThirds]),
                                          quorum: rules.quorum, excludedRoles: rules.excludedRoles)
            }
            let v = AgreementVersionRecord()
            v.id = rng.uuid()
            v.$partnership.id = area.partnershipID
            v.number = number
            v.content = content(area, number: number, rules: rules, reviewOn: next, &rng)
            v.changeSummary = number == 1 ? "First agreement between the partnership and the council"
                : rng.pick(changeSummaries)
            v.draftedByID = drafter.id
            v.draftedByName = drafter.name
            v.draftedOnRaw = drafted.description
            v.councilOfficerID = officer.id
            v.councilOfficerName = officer.name
            v.version = 1
            area.rows.created(v, partnership: area.partnershipID, by: drafter.actor, at: ScaleCalendar.at(drafted, 14), rng: &rng)
            if signed {
                let chair = area.chair(on: partnershipSigns)
                var before = v.auditFields
                v.partnershipSignedByID = chair.id
                v.partnershipSignedByName = chair.name
                v.partnershipSignedOnRaw = partnershipSigns.description
                v.version = 2
                area.rows.updated(v, before: before, partnership: area.partnershipID, by: chair.actor,
                                  at: ScaleCalendar.at(partnershipSigns, 20), rng: &rng)
                before = v.auditFields
                v.councilSignedByID = officer.id
                v.councilSignedByName = officer.name
                v.councilSignedOnRaw = councilSigns.description
                v.version = 3
                area.rows.updated(v, before: before, partnership: area.partnershipID, by: officer.actor,
                                  at: ScaleCalendar.at(councilSigns, 11), rng: &rng)
                area.agreementsInForce.append((councilSigns, rules))
            }
            area.rows.add(v)
            number += 1
            drafted = next
        }
    }

    static let changeSummaries = [
        "Three-year review: priorities updated after the community consultation",
        "Review: the council's new neighbourhood structure and who to contact",
        "Review: grants under £500 decided by the chair and one other member",
        "Review: youth and older people's priorities added",
        "Review: councillors step out of funding decisions",
        "Review: how the partnership hands over when the Big Local money ends",
    ]

    static func content(_ area: ScaleArea, number: Int, rules: DecisionRules, reviewOn: Day, _ rng: inout ScaleRandom) -> AgreementContent {
        let priorities = rng.sample(ScaleTexts.priorities, rng.int(3...5)).joined(separator: "\n")
        return AgreementContent(
            aims: "Residents want a say in how \(area.name) changes, things for young people to do and streets that feel safe.\n\(area.district.name) wants fewer repeat complaints and to learn to work alongside residents.\n\(area.county.name) wants services that reach people before they reach crisis.\n\(area.lto.name) wants the money accounted for well and the partnership able to run on its own.",
            roles: "The partnership sets priorities with the community and decides how Big Local money is spent.\nThe Neighbourhoods team is the district council's single point of contact and chases other teams.\nThe county's Community Engagement team does the same for county services.\nCouncillors bring residents' concerns and report back to their councils.\n\(area.lto.name) holds the money, pays invoices and reports spending every quarter.\nThe rep supports the chair and helps when the partners disagree.",
            priorities: priorities,
            fixedItems: [FixedItem("Due diligence before any grant is paid", .legalDuty),
                         FixedItem("Personal data handled under UK GDPR", .legalDuty),
                         FixedItem("Public liability insurance for every event", .legalDuty),
                         FixedItem("Council invoices are paid within 30 days", .habit)]
                + (number == 1 ? [FixedItem("Only council contractors work on council land", .habit)] : []),
            negotiable: ["Meeting times and places", "Who takes and publishes minutes", "How residents are consulted on changes to the park"]
                + (number > 1 ? ["Whether volunteers may do light work on council land, with training"] : []),
            liabilities: "\(area.lto.name) carries out due diligence on every grant and keeps records for six years.\nEach party is the data controller for what it collects; shared lists go through the LTO.",
            decisionMaking: "The partnership decides by consensus, and by a vote if consensus fails.\nDecisions that need council permission go to the Neighbourhoods team, which answers within 20 working days.",
            decisionRules: rules,
            reviewOn: reviewOn)
    }
}
