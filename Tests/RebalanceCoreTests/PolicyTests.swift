import Foundation
import Testing
@testable import RebalanceCore

@Suite struct PolicyTests {
    let partnership = UUID(), council = UUID(), otherCouncil = UUID(), area = UUID(), org = UUID()

    var scope: PartnershipScope { PartnershipScope(partnershipID: partnership, councilIDs: [council]) }
    var areaScope: AreaScope { AreaScope(areaID: area, councilIDs: [council], partnershipID: partnership) }

    var actors: [String: Actor] {
        [
            "visitor": .visitor,
            "resident": Actor(personID: UUID(), name: "R"),
            "member": Actor(personID: UUID(), name: "M", memberships: [partnership: [.resident]]),
            "chair": Actor(personID: UUID(), name: "C", memberships: [partnership: [.chair]]),
            "councilStaff": Actor(personID: UUID(), name: "S", staffOf: [council], councilsStaffed: [council]),
            "otherCouncilStaff": Actor(personID: UUID(), name: "O", staffOf: [otherCouncil], councilsStaffed: [otherCouncil]),
            "admin": Actor(personID: UUID(), name: "A", isAdmin: true),
        ]
    }

    func allowed(_ p: Permission) -> Set<String> {
        Set(actors.filter { Policy.allows($0.value, p) }.keys)
    }

    @Test func everyRoleAgainstEveryPermission() {
        let everyone: Set<String> = Set(actors.keys)
        #expect(allowed(.viewPublic) == everyone)
        #expect(allowed(.account(.useOwn)) == everyone.subtracting(["visitor"]))
        #expect(allowed(.site(.administer)) == ["admin"])
        #expect(allowed(.area(.create)) == ["councilStaff", "otherCouncilStaff", "admin"])
        #expect(allowed(.area(.edit(areaScope))) == ["councilStaff", "chair", "admin"])
        #expect(allowed(.partnership(.edit(scope))) == ["chair", "admin"])
        #expect(allowed(.partnership(.manageMembers(scope))) == ["chair", "admin"])
        #expect(allowed(.partnership(.viewAuditLog(scope))) == ["member", "chair", "councilStaff", "admin"])
        #expect(allowed(.partnership(.viewMemberContacts(scope))) == ["member", "chair", "councilStaff", "admin"])
        #expect(allowed(.organisation(.create(.communityGroup))) == everyone.subtracting(["visitor"]))
        #expect(allowed(.organisation(.create(.council))) == ["admin"])
        // Staff who are not the council's administrators answer for their work but do not change the council.
        #expect(allowed(.organisation(.edit(OrganisationScope(organisationID: council, kind: .council)))) == ["admin"])
        #expect(allowed(.organisation(.edit(OrganisationScope(organisationID: org, kind: .communityGroup)))) == ["admin"])
    }

    @Test func trustPermissionsForEveryRole() {
        let everyone: Set<String> = Set(actors.keys)
        let insiders: Set<String> = ["member", "chair", "councilStaff", "admin"]
        #expect(allowed(.agreement(.draft(scope))) == insiders)
        #expect(allowed(.agreement(.sign(scope))) == ["chair", "councilStaff", "admin"])
        #expect(allowed(.commitment(.create(scope))) == insiders)
        #expect(allowed(.project(.edit(scope))) == insiders)
        // A commitment nobody answers for (or an unknown one): the chair and administrators only.
        #expect(allowed(.commitment(.change(CommitmentScope(partnership: scope, owner: nil)))) == ["chair", "admin"])
        let team = CommitmentParty(kind: .councilTeam, id: UUID(), name: "Parks", organisationID: council)
        #expect(allowed(.commitment(.change(CommitmentScope(partnership: scope, owner: team)))) == ["chair", "councilStaff", "admin"])
        #expect(everyone.subtracting(allowed(.agreement(.draft(scope)))) == ["visitor", "resident", "otherCouncilStaff"])
    }

    @Test func enquiriesAreRaisedByThePartnershipAndAnsweredByItsCouncil() {
        #expect(allowed(.enquiry(.view(scope))) == ["member", "chair", "councilStaff", "admin"])
        #expect(allowed(.enquiry(.raise(scope))) == ["member", "chair", "admin"])
        #expect(allowed(.enquiry(.withdraw(scope))) == ["member", "chair", "admin"])
        #expect(allowed(.enquiry(.respond(scope))) == ["councilStaff", "admin"])
        #expect(allowed(.enquiry(.manageDirectory(councilID: council))) == ["admin"])
        #expect(allowed(.enquiry(.inbox(councilID: council))) == ["councilStaff", "admin"])
    }

    @Test func councilAdministratorsAloneChangeTheirCouncil() {
        let administrator = Actor(personID: UUID(), name: "G", staffOf: [council], councilsStaffed: [council], administers: [council])
        let officer = Actor(personID: UUID(), name: "S", staffOf: [council], councilsStaffed: [council])
        let elsewhere = Actor(personID: UUID(), name: "O", staffOf: [otherCouncil], councilsStaffed: [otherCouncil], administers: [otherCouncil])
        for permission: Permission in [.organisation(.edit(OrganisationScope(organisationID: council, kind: .council))),
                                       .enquiry(.manageDirectory(councilID: council))] {
            #expect(Policy.allows(administrator, permission))
            #expect(!Policy.allows(officer, permission))
            #expect(!Policy.allows(elsewhere, permission))
        }
        // Administering is a staff role: both still answer enquiries and see the inbox.
        for actor in [administrator, officer] {
            #expect(Policy.allows(actor, .enquiry(.respond(scope))) && Policy.allows(actor, .enquiry(.inbox(councilID: council))))
        }
    }

    @Test func theLastAdministratorStays() throws {
        #expect(throws: ValidationFailure.self) {
            try OrganisationAdministrators.check(administratorsBefore: 1, administratorsAfter: 0, staffAfter: 2, organisation: "Harbourside")
        }
        try OrganisationAdministrators.check(administratorsBefore: 2, administratorsAfter: 1, staffAfter: 2, organisation: "Harbourside")
        // The last person listed may leave, and a council with no administrator yet is not blocked.
        try OrganisationAdministrators.check(administratorsBefore: 1, administratorsAfter: 0, staffAfter: 0, organisation: "Harbourside")
        try OrganisationAdministrators.check(administratorsBefore: 0, administratorsAfter: 0, staffAfter: 3, organisation: "Harbourside")
    }

    @Test func staffOfANonCouncilOrganisationCannotManageADirectory() {
        let ltoStaff = Actor(personID: UUID(), name: "L", staffOf: [org])
        #expect(!Policy.allows(ltoStaff, .enquiry(.manageDirectory(councilID: org))))
        #expect(!Policy.allows(ltoStaff, .enquiry(.respond(scope))))
    }

    @Test func healthCheckThroughThePolicy() {
        let councillor = Actor(personID: UUID(), name: "K", memberships: [partnership: [.councillor]])
        #expect(allowed(.healthCheck(.viewResults(scope))) == ["member", "chair", "councilStaff", "admin"])
        #expect(allowed(.healthCheck(.runRounds(scope))) == ["chair", "councilStaff", "admin"])
        #expect(allowed(.healthCheck(.answer(scope))) == Set(actors.keys).subtracting(["visitor"]))
        #expect(allowed(.healthCheck(.adoptSuggestion(scope))) == ["chair", "councilStaff", "admin"])
        #expect(Policy.allows(councillor, .healthCheck(.adoptSuggestion(scope))))
        #expect(!Policy.allows(councillor, .healthCheck(.runRounds(scope))))
        #expect(allowed(.healthCheck(.viewAcrossAreas(councilIDs: [council]))) == ["councilStaff", "admin"])
        #expect(allowed(.healthCheck(.viewAcrossAreas(councilIDs: []))) == ["admin"])
        #expect(allowed(.healthCheck(.manageQuestionSets)) == ["admin"])
    }

    @Test func anEndedMembershipGrantsNothing() {
        // The store only loads current memberships; an actor without them is a plain resident.
        let former = Actor(personID: UUID(), name: "F", memberships: [:])
        #expect(!Policy.allows(former, .partnership(.viewAuditLog(scope))))
    }

    @Test func decisionPermissionsForEveryRole() {
        let insiders: Set<String> = ["member", "chair", "councilStaff", "admin"]
        #expect(allowed(.decision(.view(scope))) == insiders)
        #expect(allowed(.decision(.propose(scope))) == ["member", "chair", "admin"])
        #expect(allowed(.decision(.participate(scope))) == ["member", "chair", "admin"])
        // Whoever put it may manage it, as may the chair; with no proposer only the chair.
        let proposer = Actor(personID: UUID(), name: "P", memberships: [partnership: [.resident]])
        let otherMember = Actor(personID: UUID(), name: "O", memberships: [partnership: [.resident]])
        let theirs = Permission.decision(.manage(DecisionScope(partnership: scope, ownerID: proposer.personID)))
        #expect(Policy.allows(proposer, theirs))
        #expect(!Policy.allows(otherMember, theirs))
        #expect(allowed(theirs) == ["chair", "admin"])
        #expect(allowed(.decision(.manage(DecisionScope(partnership: scope, ownerID: nil)))) == ["chair", "admin"])
        // A proposer who has left the partnership no longer manages it.
        let former = Actor(personID: UUID(), name: "F")
        #expect(!Policy.allows(former, .decision(.manage(DecisionScope(partnership: scope, ownerID: former.personID)))))
    }
}
