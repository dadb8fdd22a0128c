import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

extension Demo {
    static let officer = "hannah@harbourside.example"
    static var trust: String { "/partnerships/\(partnership)" }
}

/// The agreement pages and API: drafting, both sides signing, refusals, conflicts, the audit trail.
@Suite struct TrustAgreementTests {
    func fields(_ v: AgreementVersionRecord, summary: String, negotiable: String? = nil) -> [String: String] {
        let input = AgreementDraft.Input(v.content, changeSummary: summary, councilOfficer: v.councilOfficerID)
        return ["aims": input.aims!, "roles": input.roles!, "priorities": input.priorities!, "fixedLegal": input.fixedLegal!,
                "fixedHabit": input.fixedHabit!, "negotiable": negotiable ?? input.negotiable!, "liabilities": input.liabilities!,
                "decisionMaking": input.decisionMaking!, "reviewOn": input.reviewOn!, "changeSummary": summary,
                "councilOfficer": input.councilOfficer!]
    }

    func partnershipID(_ app: Application) async throws -> UUID {
        try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db)?.id)
    }

    @Test func aDraftIsSignedByTheChairThenTheNamedOfficerAndTakesEffect() async throws {
        try await TestApp.run { app in
            let pid = try await partnershipID(app)
            let draft = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(Demo.trust + "/agreement/draft")
            var form = fields(draft, summary: "Volunteers in the park; minutes rota", negotiable: "Meeting times and places\nA minutes rota")
            form["basedOn"] = "2"; form["version"] = String(draft.version)
            let saved = try await chair.post(Demo.trust + "/agreement/draft", form)
            #expect(saved.status == .seeOther)
            #expect(saved.location == Demo.trust + "/agreement/versions/2")
            // Unsigned, so version 2 was edited in place rather than a version 3 made.
            #expect(try await AgreementQueries.versions(in: pid, on: app.db).count == 2)

            // Council staff who are not the named officer are offered no form, and refused with the
            // reason if they post one anyway.
            let beth = TestClient(app)
            try await beth.signIn(Demo.councilStaff)
            let page = try await beth.get(Demo.trust + "/agreement/versions/2")
            #expect(!page.text.contains("Sign this version"))
            let current = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            let refused = try await beth.post(Demo.trust + "/agreement/versions/2/sign", ["side": "council", "version": String(current.version)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Only the council officer named on this version can sign for the council"))
            #expect(refused.text.contains("error-summary"))

            try await chair.get(Demo.trust + "/agreement/versions/2")
            let bySomeoneElse = try await chair.post(Demo.trust + "/agreement/versions/2/sign", ["side": "council", "version": String(current.version)])
            #expect(bySomeoneElse.status == .unprocessableEntity)
            let first = try await chair.post(Demo.trust + "/agreement/versions/2/sign", ["side": "partnership", "version": String(current.version)])
            #expect(first.status == .seeOther)
            var v2 = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            #expect(v2.partnershipSignedByName == "Ada Okafor" && v2.councilSignedByID == nil)
            #expect(AgreementQueries.inForce(try await AgreementQueries.versions(in: pid, on: app.db))?.number == 1)

            let hannah = TestClient(app)
            try await hannah.signIn(Demo.officer)
            try await hannah.get(Demo.trust + "/agreement/versions/2")
            // A stale version number (the chair's signature bumped it) is a conflict, shown again.
            let stale = try await hannah.post(Demo.trust + "/agreement/versions/2/sign", ["side": "council", "version": String(current.version)])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("This was changed by someone else"))
            let second = try await hannah.post(Demo.trust + "/agreement/versions/2/sign", ["side": "council", "version": String(v2.version)])
            #expect(second.status == .seeOther)
            v2 = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            #expect(v2.councilSignedByName == "Hannah Reid" && v2.effectiveOn == Day.today())
            let versions = try await AgreementQueries.versions(in: pid, on: app.db)
            #expect(AgreementQueries.inForce(versions)?.number == 2)
            #expect(AgreementQueries.statuses(versions) == [1: .superseded, 2: .inForce])

            // The public page shows it in force, with the new negotiable item and who signed.
            let overview = try await TestClient(app).get(Demo.trust + "/agreement")
            #expect(overview.text.contains("Version 2 is in force since \(Day.today().readable)"))
            #expect(overview.text.contains("A minutes rota"))
            #expect(overview.text.contains("Hannah Reid, \(Day.today().readable)"))
            let diff = try await TestClient(app).get(Demo.trust + "/agreement/diff?from=1&to=2")
            #expect(diff.text.contains("<li class=\"diff__added\"><span class=\"visually-hidden\">Added: </span>A minutes rota</li>"))
            #expect(diff.text.contains("diff__removed"))

            // Every step is in the partnership's audit log.
            let audits = try await AuditQueries.named(AuditEntryRecord.query(on: app.db).filter(\.$entityType == "agreement_version")
                .filter(\.$action == "updated").all(), on: app.db)
            #expect(audits.map(\.actorName).sorted() == ["Ada Okafor", "Ada Okafor", "Hannah Reid"])
            #expect(audits.allSatisfy { $0.partnershipID == pid })
        }
    }

    @Test func outdatedVersionsCannotBeSignedOrDraftedOver() async throws {
        try await TestApp.run { app in
            let pid = try await partnershipID(app)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            // Chair signs version 2; a later change must then make version 3, leaving 2 outdated.
            let v2 = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            try await chair.get(Demo.trust + "/agreement/versions/2")
            #expect(try await chair.post(Demo.trust + "/agreement/versions/2/sign", ["side": "partnership", "version": String(v2.version)]).status == .seeOther)
            let signed = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            try await chair.get(Demo.trust + "/agreement/draft")
            var form = fields(signed, summary: "Another change")
            form["basedOn"] = "2"
            #expect(try await chair.post(Demo.trust + "/agreement/draft", form).location == Demo.trust + "/agreement/versions/3")

            // Someone who loaded the form before version 3 existed is told, and nothing is saved.
            form["changeSummary"] = "Too late"
            let conflict = try await chair.post(Demo.trust + "/agreement/draft", form)
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("Too late"))
            #expect(try await AgreementQueries.versions(in: pid, on: app.db).count == 3)

            let hannah = TestClient(app)
            try await hannah.signIn(Demo.officer)
            try await hannah.get(Demo.trust + "/agreement/versions/2")
            let outdated = try await hannah.post(Demo.trust + "/agreement/versions/2/sign", ["side": "council", "version": String(signed.version)])
            #expect(outdated.status == .unprocessableEntity)
            #expect(outdated.text.contains("Version 2 is out of date: version 3 replaced it"))
            #expect(AgreementQueries.statuses(try await AgreementQueries.versions(in: pid, on: app.db))[2] == .abandoned)
        }
    }

    @Test func badDraftsNameEveryField() async throws {
        try await TestApp.run { app in
            let member = TestClient(app)
            try await member.signIn(Demo.member)
            try await member.get(Demo.trust + "/agreement/draft")
            let r = try await member.post(Demo.trust + "/agreement/draft", ["basedOn": "2", "reviewOn": "2020-01-01", "councilOfficer": UUID().uuidString])
            #expect(r.status == .unprocessableEntity)
            for message in ["Enter what each partner is trying to achieve", "Review date must be in the future",
                            "Select a council officer from the list"] {
                #expect(r.text.contains(message))
            }
            #expect(r.text.contains("href=\"#reviewOn\""))
        }
    }

    @Test func theAPIDraftsAndSignsLikeTheForms() async throws {
        try await TestApp.run { app in
            let pid = try await partnershipID(app)
            let officer = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == Demo.officer).first()?.id)
            let visitorView = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/agreement").json()
            #expect((visitorView["inForce"] as? [String: Any])?["number"] as? Int == 1)
            #expect((visitorView["latest"] as? [String: Any])?["status"] as? String == "draft")

            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let body = """
            {"aims":"Both: a safer park","roles":"Chair convenes","priorities":"The park","fixedLegal":["UK GDPR"],
             "fixedHabit":[],"negotiable":["Meeting times"],"liabilities":"LTO insures","decisionMaking":"Consensus",
             "reviewOn":"\(Day.today().adding(days: 200))","changeSummary":"Shorter","councilOfficer":"\(officer.uuidString)","basedOn":2}
            """
            let missingVersion = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/agreement/versions", body)
            #expect(missingVersion.status == .unprocessableEntity)
            #expect((try missingVersion.json()["fields"] as? [String: String])?["version"] != nil)
            let v2 = try #require(try await AgreementQueries.version(2, in: pid, on: app.db))
            let withVersion = body.replacingOccurrences(of: "\"basedOn\":2", with: "\"basedOn\":2,\"version\":\(v2.version)")
            let saved = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/agreement/versions", withVersion)
            #expect(saved.status == .created)
            let version = try #require(try saved.json()["version"] as? Int)
            #expect((try saved.json()["content"] as? [String: Any])?["negotiable"] as? [String] == ["Meeting times"])

            let path = "/api/v1/partnerships/\(Demo.partnership)/agreement/versions/2/signatures"
            let wrongSide = try await chair.json(.POST, path, #"{"side":"council","version":\#(version)}"#)
            #expect(wrongSide.status == .unprocessableEntity)
            #expect((try wrongSide.json()["fields"] as? [String: String])?["side"] == "Only the council officer named on this version can sign for the council")
            let signed = try await chair.json(.POST, path, #"{"side":"partnership","version":\#(version)}"#)
            #expect(signed.status == .ok)
            #expect(try signed.json()["status"] as? String == "partly_signed")
            let again = try await chair.json(.POST, path, #"{"side":"partnership","version":\#(version + 1)}"#)
            #expect(again.status == .unprocessableEntity)
            #expect((try again.json()["fields"] as? [String: String])?["side"] == "Version 2 has already been signed for the partnership")
            let stale = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/agreement")
            #expect(stale.status == .ok)
            let missing = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/agreement/versions/9/signatures", #"{"side":"partnership","version":1}"#)
            #expect(missing.status == .notFound)
        }
    }
}
