import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Proposals through the pages and the API: positions and their history, eligibility and
/// recusal, a block revised into consensus, closing, the decision log, notices and reminders.
@Suite struct DecisionWebTests {
    let base = "/partnerships/\(Demo.partnership)"

    static func partnershipID(_ app: Application) async throws -> UUID {
        try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db)?.id)
    }

    static func actor(_ app: Application, _ email: String) async throws -> Actor {
        let person = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == email).first())
        return Actor(personID: person.id, name: person.name)
    }

    static let links = DecisionLinks(proposal: { "/p/\($0)" }, poll: { "/q/\($0)" }, decision: { "/d/\($0)" })

    /// The voting members of the demo partnership other than the chair and Tom.
    static let others = ["priya@fernhill.example", "gwen@fernhill.example", "samir@fernhill.example", "lucy@fernhill.example",
                         "dennis@harbourside.example", "joe@fernhilltrust.example", "mary@stannes.example"]

    func deadline(days: Int = 7) -> String {
        DecisionFormat.inputTime(Date().addingTimeInterval(TimeInterval(days) * 86400))
    }

    func putProposal(_ client: TestClient, _ title: String, process: String = "consensus", topic: String = "general",
                     revisionOf: String? = nil) async throws -> String {
        try await client.get(base + "/proposals/new")
        var fields = ["title": title, "details": "Details of \(title)", "process": process, "topic": topic, "deadline": deadline()]
        if let revisionOf { fields["revisionOf"] = revisionOf }
        let response = try await client.post(base + "/proposals/new", fields)
        #expect(response.status == .seeOther, "\(response.text.prefix(800))")
        return String(try #require(response.location).split(separator: "/").last!)
    }

    @Test func closedProposalsAreShownAPageAtATime() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            var titles: [String] = []
            for n in 1...23 { titles.append("Closed proposal number \(n) of many"); _ = try await putProposal(chair, titles.last!) }
            let open = try await putProposal(chair, "Still open proposal")
            // Twenty-three of them ended and were settled long ago, a day apart, the first oldest.
            let past = Date().addingTimeInterval(-400 * 86400)
            for (n, title) in titles.enumerated() {
                let r = try #require(try await ProposalRecord.query(on: app.db).filter(\.$title == title).first())
                r.openedAt = past.addingTimeInterval(Double(n) * 86400)
                r.deadline = r.openedAt.addingTimeInterval(3600)
                r.settledAt = r.deadline
                try await r.save(on: app.db)
            }
            // The demo's own settled proposals are newer than these, so they come first.
            let pid = try await Self.partnershipID(app)
            let demoSettled = try await ProposalRecord.query(on: app.db).filter(\.$partnership.$id == pid)
                .filter(\.$settledAt != nil).count() - titles.count
            let lastOnFirst = 23 - (20 - demoSettled) + 1
            #expect(demoSettled >= 0 && lastOnFirst > 1)
            let first = try await chair.get(base + "/proposals").text
            #expect(first.contains("Still open proposal") && first.contains("/proposals/\(open)"))
            #expect(first.contains("Closed proposal number 23 of many") && first.contains("Closed proposal number \(lastOnFirst) of many"))
            #expect(!first.contains("Closed proposal number \(lastOnFirst - 1) of many"))
            #expect(first.contains("Page 1 of 2") && first.contains("?page=2"))
            let second = try await chair.get(base + "/proposals?page=2").text
            #expect(second.contains("Closed proposal number \(lastOnFirst - 1) of many") && second.contains("Closed proposal number 1 of many"))
            #expect(!second.contains("Closed proposal number \(lastOnFirst) of many"))
            // The open ones are on the first page only.
            #expect(!second.contains("Still open proposal") && !second.contains(">Open</h2>"))
            #expect(try await chair.get(base + "/proposals?page=x").status == .unprocessableEntity)
        }
    }

    @Test func aBlockedProposalIsRevisedAndReachesConsensus() async throws {
        try await TestApp.run { app in
            let pid = try await Self.partnershipID(app)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let first = try await putProposal(chair, "Open the community centre on Sundays")

            // Every voting member but the proposer hears of it.
            let opened = try await OutboxMessageRecord.query(on: app.db).all().filter { ($0.dedupeKey ?? "").hasPrefix("proposal-open:\(first)") }
            #expect(opened.count == 8)
            #expect(opened.allSatisfy { $0.body.contains("/proposals/\(first)") })

            // A block needs a reason; with one it is recorded; sending it again records nothing new.
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get(base + "/proposals/\(first)")
            let bare = try await tom.post(base + "/proposals/\(first)/position", ["position": "block"])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.text.contains("Give a reason for blocking, so the proposal can be revised to meet it"))
            #expect(bare.text.contains("href=\"#reason\""))
            let reasoned = ["position": "block", "reason": "Nobody has said who opens and locks up."]
            #expect(try await tom.post(base + "/proposals/\(first)/position", reasoned).status == .seeOther)
            #expect(try await tom.post(base + "/proposals/\(first)/position", reasoned).status == .seeOther)
            let firstID = try #require(UUID(uuidString: first))
            #expect(try await ProposalPositionRecord.query(on: app.db).filter(\.$proposal.$id == firstID).count() == 1)
            let page = try await chair.get(base + "/proposals/\(first)")
            #expect(page.text.contains("If it closed now, it would be blocked"))
            #expect(page.text.contains("Nobody has said who opens and locks up."))

            // Tom cannot withdraw the chair's proposal.
            #expect(try await tom.post(base + "/proposals/\(first)/withdraw", ["version": "1"]).status == .forbidden)

            // The chair revises it: the original is withdrawn, saying why, and the log links the two.
            let second = try await putProposal(chair, "Open the community centre on Sundays, with a keyholder rota", revisionOf: first)
            let original = try await chair.get(base + "/proposals/\(first)")
            #expect(original.text.contains("Withdrawn"))
            #expect(original.text.contains("Replaced by a revised proposal"))
            #expect(original.text.contains("/proposals/\(second)"))

            // Everyone who can take part agrees, Tom included, changing his mind in the record.
            let secondID = try #require(UUID(uuidString: second))
            try await tom.get(base + "/proposals/\(second)")
            #expect(try await tom.post(base + "/proposals/\(second)/position", ["position": "disagree", "reason": "Still unsure"]).status == .seeOther)
            #expect(try await tom.post(base + "/proposals/\(second)/position", ["position": "agree", "reason": "The rota answers it"]).status == .seeOther)
            try await chair.post(base + "/proposals/\(second)/position", ["position": "agree"])
            // Closing early waits for everyone.
            let early = try await chair.post(base + "/proposals/\(second)/close", ["version": "1"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("everyone who can take part has done so: 7 of 9 have not yet"))
            for email in Self.others {
                try await ProposalCommands.recordPosition(secondID, in: pid, PositionInput(.agree), by: try await Self.actor(app, email), on: app.db)
            }
            try await chair.get(base + "/proposals/\(second)")
            #expect(try await chair.post(base + "/proposals/\(second)/close", ["version": "1"]).status == .seeOther)
            let closed = try await chair.get(base + "/proposals/\(second)")
            #expect(closed.text.contains("Passed by consensus: no one blocked, and 9 of the 9 members who took a side agreed"))
            #expect(closed.text.contains("Disagree to agree"))

            // Both are in the public decision log, linked, and in the timeline; the CSV has them.
            let log = try await DecisionQueries.log(in: pid, on: app.db)
            let passed = try #require(log.first { $0.subjectID == secondID })
            let withdrawn = try #require(log.first { $0.subjectID == firstID })
            #expect(passed.result == .passed && withdrawn.result == .withdrawn)
            #expect(passed.revisionOf == firstID)
            let visitor = TestClient(app)
            let entry = try await visitor.get(base + "/decisions/\(passed.id!.uuidString)")
            #expect(entry.status == .ok)
            #expect(entry.text.contains("Revises"))
            #expect(!entry.text.contains("The rota answers it"), "the public entry shows counts, not members' reasons")
            #expect(try await visitor.get(base + "/decisions").text.contains("Open the community centre on Sundays, with a keyholder rota"))
            let timeline = try await visitor.get(base + "/timeline?kind=decision")
            #expect(timeline.text.contains("Consensus: Open the community centre on Sundays, with a keyholder rota – passed"))
            let csv = try await visitor.get(base + "/decisions.csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("\(passed.id!.uuidString),"))
            #expect(csv.text.contains(",\(withdrawn.id!.uuidString),"), "the revision names the entry it revised")

            // The closing notice went to the eligible members, once each.
            let closing = try await OutboxMessageRecord.query(on: app.db).all().filter { ($0.dedupeKey ?? "").hasPrefix("proposal-closed:\(second)") }
            #expect(closing.count == 9)
            #expect(closing.allSatisfy { $0.subject == "Passed: Open the community centre on Sundays, with a keyholder rota" })

            // The proposer writes the outcome statement; a commitment carries the decision out.
            let statement = try await chair.post(base + "/proposals/\(second)/outcome",
                                                 ["statement": "The centre opens on Sundays from next month.", "version": "1"])
            #expect(statement.status == .seeOther)
            try await chair.get(base + "/commitments/new?decision=\(passed.id!.uuidString)")
            let parties = try await CommitmentQueries.parties(of: pid, on: app.db)
            let commitment = try await chair.post(base + "/commitments/new", [
                "title": "Draw up the keyholder rota", "owner": "partnership",
                "recipient": try #require(parties.first { $0.kind == .councilTeam }).key, "dueOn": Day.today().adding(days: 30).description,
                "size": "early_win", "state": "agreed", "decision": passed.id!.uuidString])
            #expect(commitment.status == .seeOther, "\(commitment.text.prefix(500))")
            let linked = try await DecisionQueries.commitments(carryingOut: passed.id!, on: app.db)
            #expect(linked.map(\.title) == ["Draw up the keyholder rota"])
            let after = try await visitor.get(base + "/decisions/\(passed.id!.uuidString)")
            #expect(after.text.contains("The centre opens on Sundays from next month."))
            #expect(after.text.contains("Draw up the keyholder rota"))
            #expect(try await chair.get(try #require(commitment.location)).text.contains("/decisions/\(passed.id!.uuidString)"))

            // Every change is in the audit log.
            let audited = Set(try await AuditEntryRecord.query(on: app.db).filter(\.$partnershipID == pid).all().map(\.entityType))
            #expect(audited.isSuperset(of: ["proposal", "proposal_position", "decision"]))
        }
    }

    @Test func eligibilityFollowsVotesRolesAndDeclaredInterests() async throws {
        try await TestApp.run { app in
            let pid = try await Self.partnershipID(app)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let id = try await putProposal(chair, "Grant £800 to the youth club", process: "majority_vote", topic: "funding")
            let pages = base + "/proposals/\(id)"

            // The councillor steps out of funding decisions under the demo agreement's rules.
            let councillor = TestClient(app)
            try await councillor.signIn("dennis@harbourside.example")
            let page = try await councillor.get(pages)
            #expect(page.text.contains("Councillors do not take part in funding proposals under this partnership&#39;s decision rules"))
            let refused = try await councillor.post(pages + "/position", ["position": "yes"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Councillors do not take part in funding proposals"))

            // A member without a vote is told so; someone from another partnership never gets in.
            let officer = TestClient(app)
            try await officer.signIn("hannah@harbourside.example")
            try await officer.get(pages)
            #expect(try await officer.post(pages + "/position", ["position": "yes"]).text.contains("Only members with a vote can take a position"))
            let outsider = TestClient(app)
            try await outsider.signIn(Demo.resident)
            try await outsider.get("/account")
            #expect(try await outsider.post(pages + "/position", ["position": "yes"]).status == .forbidden)

            // Lucy votes, then declares an interest: her vote stops counting and she cannot vote again.
            let lucy = TestClient(app)
            try await lucy.signIn("lucy@fernhill.example")
            try await lucy.get(pages)
            #expect(try await lucy.post(pages + "/position", ["position": "yes"]).status == .seeOther)
            #expect(try await lucy.post(pages + "/interest", ["interest": ""]).text.contains("Enter the interest you are declaring"))
            #expect(try await lucy.post(pages + "/interest", ["interest": "I volunteer at the youth club"]).status == .seeOther)
            #expect(try await lucy.post(pages + "/interest", ["interest": "Again"]).text.contains("You already declared an interest"))
            let again = try await lucy.post(pages + "/position", ["position": "no"])
            #expect(again.text.contains("You declared an interest in this proposal, so you cannot take a position on it"))
            let view = try await chair.get(pages)
            #expect(view.text.contains("Not counted: declared an interest"))
            #expect(view.text.contains("I volunteer at the youth club"))
            // The quorum counts only those who could take part: 9 voting, less the councillor, less Lucy.
            let proposalID = try #require(UUID(uuidString: id))
            let proposal = try #require(try await DecisionQueries.proposal(proposalID, in: pid, on: app.db))
            let p = try #require(try await PartnershipQueries.find(id: pid, on: app.db))
            let outcome = proposal.core.outcome(members: try await DecisionQueries.members(of: p, meeting: nil, on: .today(), db: app.db), at: Date())
            #expect(outcome.counts.eligible == 8 && outcome.counts.recused == 1 && outcome.counts.couldTakePart == 7)
            #expect(outcome.counts.tookPart == 0)
            #expect(outcome.counts.quorumNeeded == 4)
        }
    }

    @Test func afterTheDeadlineNothingIsTakenAndTheOutcomeSettlesItself() async throws {
        try await TestApp.run { app in
            let pid = try await Self.partnershipID(app)
            let chair = try await Self.actor(app, Demo.chair)
            let opened = Date().addingTimeInterval(-3 * 86400)
            let r = try await ProposalCommands.open(
                in: pid, .init(title: "Paint the hall blue", process: "majority_vote",
                               deadline: ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))),
                now: opened, links: Self.links, by: chair, on: app.db)
            let id = try r.requireID()
            for email in [Demo.member, "priya@fernhill.example"] {
                try await ProposalCommands.recordPosition(id, in: pid, PositionInput(.yes), now: opened.addingTimeInterval(600),
                                                          by: try await Self.actor(app, email), on: app.db)
            }
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get(base + "/proposals/\(id)")
            let late = try await tom.post(base + "/proposals/\(id)/position", ["position": "no"])
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("The deadline for this proposal passed at"))
            #expect(late.text.contains("so positions can no longer be taken or changed"))

            // Two of nine took part, short of the quorum of five: the log says so, once, however
            // often it is looked at, and the closing notice is queued once per member.
            let entry = try #require(try await DecisionQueries.logEntry(subject: id, on: app.db))
            #expect(entry.result == .noQuorum)
            #expect(entry.explanation.hasPrefix("No quorum: only 2 of the 9 members who could take part responded, and the quorum is 5 (at least half)"))
            try await tom.get(base + "/decisions")
            try await DecisionPass.run(app)
            #expect(try await DecisionLogRecord.query(on: app.db).filter(\.$subjectID == id).count() == 1)
            let notices = try await OutboxMessageRecord.query(on: app.db).all().filter { ($0.dedupeKey ?? "").hasPrefix("proposal-closed:\(id)") }
            #expect(notices.count == 9)
            #expect(Set(notices.map(\.email)).count == 9)
        }
    }

    @Test func aReminderGoesADayBeforeTheDeadlineToThoseWhoHaveNotResponded() async throws {
        try await TestApp.run { app in
            let pid = try await Self.partnershipID(app)
            let chair = try await Self.actor(app, Demo.chair)
            let r = try await ProposalCommands.open(
                in: pid, .init(title: "Buy a new urn", process: "consent",
                               deadline: ISO8601DateFormatter().string(from: Date().addingTimeInterval(12 * 3600))),
                now: Date().addingTimeInterval(-5 * 86400), links: Self.links, by: chair, on: app.db)
            let id = try r.requireID()
            try await ProposalCommands.recordPosition(id, in: pid, PositionInput(.consent), by: try await Self.actor(app, Demo.member), on: app.db)
            let first = try await DecisionPass.run(app)
            #expect(first.reminders >= 8)
            let reminders = try await OutboxMessageRecord.query(on: app.db).filter(\.$kind == "reminder").all()
                .filter { ($0.dedupeKey ?? "").hasPrefix("proposal-reminder:\(id.uuidString)") }
            #expect(reminders.count == 8, "the nine who can take part, less Tom who consented")
            #expect(!reminders.contains { $0.email == Demo.member })
            #expect(reminders.allSatisfy { $0.body.contains("Under consent, saying nothing counts as consenting.") })
            #expect(try await DecisionPass.run(app).reminders == 0)
        }
    }

    @Test func proposalsThroughTheAPI() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let bad = try await chair.json(.POST, "/api/v1" + base + "/proposals", #"{"title": "", "process": "shout", "deadline": "yesterday"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = try #require(try bad.json()["fields"] as? [String: String])
            #expect(Set(fields.keys) == ["title", "process", "deadline"])
            #expect(fields["process"] == "Process must be one of: consensus, consent, majority_vote")

            let created = try await chair.json(.POST, "/api/v1" + base + "/proposals",
                                               #"{"title": "Plant fruit trees", "process": "consensus", "deadline": "\#(ISO8601DateFormatter().string(from: Date().addingTimeInterval(86400 * 5)))"}"#)
            #expect(created.status == .created)
            let body = try created.json()
            let id = try #require(body["id"] as? String)
            #expect((body["rules"] as? [String: Any])?["majority"] as? String == "at least 2/3")
            #expect((body["you"] as? [String: Any])?["canTakePosition"] as? Bool == true)

            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let blockNoReason = try await tom.json(.POST, "/api/v1" + base + "/proposals/\(id)/positions", #"{"position": "block"}"#)
            #expect(blockNoReason.status == .unprocessableEntity)
            #expect((try blockNoReason.json()["fields"] as? [String: String])?["reason"] != nil)
            let ok = try await tom.json(.POST, "/api/v1" + base + "/proposals/\(id)/positions", #"{"position": "agree"}"#)
            #expect(ok.status == .ok)
            #expect(try ok.json()["recorded"] as? String == "recorded")
            let same = try await tom.json(.POST, "/api/v1" + base + "/proposals/\(id)/positions", #"{"position": "agree"}"#)
            #expect(try same.json()["recorded"] as? String == "unchanged")

            let withdrawn = try await chair.json(.POST, "/api/v1" + base + "/proposals/\(id)/withdraw", #"{"reason": "Wrong season"}"#)
            #expect(withdrawn.status == .unprocessableEntity, "version is required")
            let stale = try await chair.json(.POST, "/api/v1" + base + "/proposals/\(id)/withdraw", #"{"reason": "Wrong season", "version": 7}"#)
            #expect(stale.status == .conflict)
            let done = try await chair.json(.POST, "/api/v1" + base + "/proposals/\(id)/withdraw", #"{"reason": "Wrong season", "version": 1}"#)
            #expect(done.status == .ok)
            #expect(((try done.json()["outcome"] as? [String: Any])?["kind"] as? String) == "withdrawn")

            let log = try await TestClient(app).get("/api/v1" + base + "/decisions?per=100")
            let items = try #require(try log.json()["items"] as? [[String: Any]])
            #expect(items.contains { $0["title"] as? String == "Plant fruit trees" && $0["result"] as? String == "withdrawn" })

            // A commitment made through the API can name the decision it carries out.
            let passed = try #require(items.first { $0["result"] as? String == "passed" }?["id"] as? String)
            let parties = try await CommitmentQueries.parties(of: try await Self.partnershipID(app), on: app.db)
            let team = try #require(parties.first { $0.kind == .councilTeam }).key
            let due = Day.today().adding(days: 20).description
            let unknown = try await chair.json(.POST, "/api/v1" + base + "/commitments",
                                               #"{"title": "Order the tank", "owner": "partnership", "recipient": "\#(team)", "dueOn": "\#(due)", "size": "early_win", "decisionId": "\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect((try unknown.json()["fields"] as? [String: String])?["decision"]?.hasPrefix("Choose a decision from this partnership") == true)
            let linked = try await chair.json(.POST, "/api/v1" + base + "/commitments",
                                              #"{"title": "Order the tank", "owner": "partnership", "recipient": "\#(team)", "dueOn": "\#(due)", "size": "early_win", "decisionId": "\#(passed)", "confirmOverPromise": true}"#)
            #expect(linked.status == .created, "\(linked.text.prefix(400))")
            #expect((try linked.json()["decisionId"] as? String)?.lowercased() == passed.lowercased())
        }
    }

    @Test func aProposalPutToAMeetingIsDecidedByThoseWhoCame() async throws {
        try await TestApp.run { app in
            let pid = try await Self.partnershipID(app)
            let meeting = try #require(try await DecisionQueries.meetingsWithAttendance(of: pid, today: .today(), on: app.db).first)
            let present = try await DecisionQueries.attendees(of: meeting.meeting, on: app.db)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(base + "/proposals/new")
            let response = try await chair.post(base + "/proposals/new", ["title": "Thank the caretaker", "process": "consent",
                                                                          "deadline": deadline(), "meeting": meeting.meeting.description])
            #expect(response.status == .seeOther, "\(response.text.prefix(600))")
            let location = try #require(response.location)
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            let proposal = try #require(try await DecisionQueries.proposal(id, in: pid, on: app.db))
            let p = try #require(try await PartnershipQueries.find(id: pid, on: app.db))
            let members = try await DecisionQueries.members(of: p, meeting: proposal.meeting, on: .today(), db: app.db)
            #expect(Set(members.map(\.personID)).isSubset(of: present))
            #expect(!members.isEmpty)
            let page = try await chair.get(base + "/proposals/\(id)")
            #expect(page.text.contains("Those recorded as attending"))
            let bad = try await chair.post(base + "/proposals/new", ["title": "X", "process": "consent", "deadline": deadline(),
                                                                     "meeting": "\(UUID().uuidString)/2026-01-01"])
            #expect(bad.text.contains("Select a meeting from the list"))
        }
    }
}
