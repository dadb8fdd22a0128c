import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Polls through the pages and the API: ballots of every kind checked with clear messages,
/// changed votes, anonymous polls that keep no link from ballot to voter, closing and the log.
@Suite struct PollWebTests {
    let base = "/partnerships/\(Demo.partnership)"

    func startPoll(_ client: TestClient, _ fields: [String: String]) async throws -> String {
        try await client.get(base + "/polls/new")
        var all = ["closesAt": DecisionFormat.inputTime(Date().addingTimeInterval(5 * 86400)), "audience": "voting_members",
                   "resultsVisibility": "always"]
        for (k, v) in fields { all[k] = v }
        let response = try await client.post(base + "/polls/new", all)
        #expect(response.status == .seeOther, "\(response.text.prefix(800))")
        return String(try #require(response.location).split(separator: "/").last!)
    }

    @Test func badPollsAndBadBallotsAreRefusedWithTheirReasons() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(base + "/polls/new")
            let bad = try await chair.post(base + "/polls/new", ["title": "", "kind": "dot_vote", "options": "Only one", "closesAt": "",
                                                                "dotAllowance": "0"])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter the question the poll asks", "Enter at least 2 options", "Enter when the poll closes",
                            "Points each voter has must be a whole number from 1 to 1000"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await PollRecord.query(on: app.db).filter(\.$title == "").count() == 0)

            // A ranked ballot that repeats an option.
            let ranked = try await startPoll(chair, ["title": "Best name?", "kind": "ranked_choice", "options": "North\nSouth\nEast"])
            let page = try await chair.get(base + "/polls/\(ranked)")
            #expect(page.text.contains("1st choice") && page.text.contains("3rd choice"))
            let repeated = try await chair.post(base + "/polls/\(ranked)/vote", [("choices[]", "1"), ("choices[]", "1")])
            #expect(repeated.status == .unprocessableEntity)
            #expect(repeated.text.contains("You ranked &quot;North&quot; more than once: give each option one place in your ranking"))
            #expect(repeated.text.contains("href=\"#choices\""))
            let ranking = [("choices[]", "2"), ("choices[]", "1"), ("choices[]", "")]
            #expect(try await chair.post(base + "/polls/\(ranked)/vote", ranking).status == .seeOther)
            // The same ballot again changes nothing; a different one replaces it.
            #expect(try await chair.post(base + "/polls/\(ranked)/vote", ranking).status == .seeOther)
            let rid = try #require(UUID(uuidString: ranked))
            #expect(try await PollBallotRecord.query(on: app.db).filter(\.$poll.$id == rid).count() == 1)
            try await chair.post(base + "/polls/\(ranked)/vote", [("choices[]", "3")])
            let ballot = try #require(try await PollBallotRecord.query(on: app.db).filter(\.$poll.$id == rid).first())
            #expect(ballot.ballot == .choices(["3"]))

            // A dot vote over the allowance.
            let dots = try await startPoll(chair, ["title": "Spend the points", "kind": "dot_vote", "options": "Trees\nBenches", "dotAllowance": "5"])
            try await chair.get(base + "/polls/\(dots)")
            let over = try await chair.post(base + "/polls/\(dots)/vote", ["points[1]": "4", "points[2]": "3"])
            #expect(over.status == .unprocessableEntity)
            #expect(over.text.contains("You have given 7 points but have 5: take away 2"))
            let negative = try await chair.post(base + "/polls/\(dots)/vote", ["points[1]": "-1", "points[2]": "x"])
            #expect(negative.text.contains("Points for &quot;Trees&quot; cannot be negative"))
            #expect(negative.text.contains("href=\"#points-1\""))
            #expect(negative.text.contains("Points for &quot;Benches&quot; must be a whole number"))
            #expect(try await chair.post(base + "/polls/\(dots)/vote", ["points[1]": "3", "points[2]": "2"]).status == .seeOther)

            // A member without a vote is told why; a score poll wants every option scored.
            let officer = TestClient(app)
            try await officer.signIn("hannah@harbourside.example")
            let officerPage = try await officer.get(base + "/polls/\(dots)")
            #expect(officerPage.text.contains("This poll is for members with a vote"))
            let scores = try await startPoll(chair, ["title": "Rate them", "kind": "score", "options": "Hall\nPark", "scoreMaximum": "3"])
            try await chair.get(base + "/polls/\(scores)")
            let partial = try await chair.post(base + "/polls/\(scores)/vote", ["scores[1]": "2"])
            #expect(partial.text.contains("Give &quot;Park&quot; a score from 0 to 3"))
        }
    }

    @Test func anAnonymousPollShowsTotalsAndNothingLinksABallotToItsVoter() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let id = try await startPoll(chair, ["title": "Is the partnership listening?", "kind": "single_choice",
                                                 "options": "Yes\nSometimes\nNo", "anonymous": "true"])
            let pollID = try #require(UUID(uuidString: id))
            try await chair.get(base + "/polls/\(id)")
            #expect(try await chair.post(base + "/polls/\(id)/vote", ["choices": "3"]).status == .seeOther)
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get(base + "/polls/\(id)")
            #expect(try await tom.post(base + "/polls/\(id)/vote", ["choices": "1"]).status == .seeOther)
            // A second vote is refused: there is nothing to say which ballot was Tom's.
            let again = try await tom.post(base + "/polls/\(id)/vote", ["choices": "2"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("Votes in an anonymous poll cannot be changed"))

            // Stored: no named ballot rows, and the anonymous list holds no person's id.
            #expect(try await PollBallotRecord.query(on: app.db).filter(\.$poll.$id == pollID).count() == 0)
            let record = try #require(try await PollRecord.find(pollID, on: app.db))
            let stored = try #require(record.anonymousBallotsJSON)
            for email in [Demo.chair, Demo.member] {
                let person = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == email).first())
                #expect(!stored.contains(person.id!.uuidString) && !stored.lowercased().contains(person.id!.uuidString.lowercased()))
            }
            #expect(record.anonymousBallots.count == 2)
            // No audit entry names a voter or carries the time of a vote: the poll's own entry
            // (its opening) is the only one, and nothing was written while people voted.
            let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entityID == id).all()
            #expect(entries.map(\.entityType) == ["poll"])
            let tomID = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == Demo.member).first()?.id)
            let byTom = try await AuditEntryRecord.query(on: app.db).filter(\.$actorID == tomID).filter(\.$at >= record.openedAt).all()
            #expect(byTom.allSatisfy { !$0.entityLabel.contains(record.title) && !($0.after ?? "").contains(record.title) })

            // While it is open nobody sees the totals, not even an administrator, on the page or
            // through the API: totals read before and after a vote would give the ballot away.
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            let page = try await admin.get(base + "/polls/\(id)")
            #expect(page.text.contains("2 of 9 who may answer have voted"))
            #expect(!page.text.contains("Who voted how"))
            #expect(page.text.contains("In an anonymous poll the totals are shown only once the poll closes"))
            #expect(!page.text.contains("So far:"))
            let open = try await admin.get("/api/v1" + base + "/polls/\(id)").json()
            #expect(open["ballots"] is NSNull)
            #expect(open["results"] is NSNull)
            #expect(open["voters"] as? Int == 2)

            // Closing puts it in the decision log; a tie says so.
            try await chair.get(base + "/polls/\(id)")
            #expect(try await chair.post(base + "/polls/\(id)/close", [:]).status == .seeOther)
            let api = try await admin.get("/api/v1" + base + "/polls/\(id)").json()
            #expect(api["ballots"] is NSNull)
            let results = try #require(api["results"] as? [String: Any])
            #expect(results["isAnonymous"] as? Bool == true)
            #expect(!String(describing: results).contains("voter"))
            let entry = try #require(try await DecisionQueries.logEntry(subject: pollID, on: app.db))
            #expect(entry.result == .tied)
            #expect(entry.headline == "Tied: Yes and No")
            try await chair.get(base + "/polls/\(id)")
            #expect(try await chair.post(base + "/polls/\(id)/close", [:]).status == .unprocessableEntity)
        }
    }

    @Test func namedPollsThroughTheAPIWithResultsHeldBackUntilTheyClose() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let closes = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86400))
            let created = try await chair.json(.POST, "/api/v1" + base + "/polls",
                                               #"{"title": "Which Saturday?", "kind": "meeting_time", "options": ["2027-03-06T10:00", "2027-03-13T10:00"], "slotMinutes": 90, "resultsVisibility": "after_closing", "audience": "all_members", "closesAt": "\#(closes)"}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            // A project worker may answer a poll put to all members.
            let kofi = TestClient(app)
            try await kofi.signIn("kofi@fernhill.example")
            let missing = try await kofi.json(.POST, "/api/v1" + base + "/polls/\(id)/votes", #"{"availability": {"1": "yes"}}"#)
            #expect(missing.status == .unprocessableEntity)
            #expect((try missing.json()["fields"] as? [String: String])?["answers[2]"]?.hasPrefix("Say whether you can come at") == true)
            let voted = try await kofi.json(.POST, "/api/v1" + base + "/polls/\(id)/votes", #"{"availability": {"1": "yes", "2": "if_need_be"}}"#)
            #expect(voted.status == .ok)
            let body = try #require(try voted.json()["subject"] as? [String: Any])
            #expect(body["results"] is NSNull, "totals are held back until the poll closes")
            #expect(body["youHaveVoted"] as? Bool == true)
            let closed = try await chair.json(.POST, "/api/v1" + base + "/polls/\(id)/close", "{}")
            #expect(closed.status == .ok)
            let after = try closed.json()
            #expect(after["state"] as? String == "closed")
            #expect((after["ballots"] as? [[String: Any]])?.count == 1)
            let decision = try #require(after["decision"] as? String)
            let statement = try await chair.json(.PUT, "/api/v1" + base + "/polls/\(id)/outcome", #"{"statement": "We meet on the 6th.", "version": 1}"#)
            #expect(statement.status == .ok)
            #expect(try statement.json()["statement"] as? String == "We meet on the 6th.")
            let entry = try await TestClient(app).get("/api/v1" + base + "/decisions/\(decision)").json()
            #expect(entry["headline"] as? String == "Chosen: 10:00 on 6 March 2027")
        }
    }
}
