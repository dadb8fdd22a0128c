import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct MeetingWebTests {
    static let base = "/partnerships/\(Demo.partnership)"

    static func series(_ app: Application, titled title: String) async throws -> MeetingSeriesRecord {
        try #require(try await MeetingSeriesRecord.query(on: app.db).filter(\.$title == title).first())
    }

    @Test func aMemberSchedulesASeriesAndBadTimesAreRefusedWithNothingWritten() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get("\(Self.base)/meetings/new")
            let before = try await MeetingSeriesRecord.query(on: app.db).count()
            let bad = try await tom.post("\(Self.base)/meetings/new", ["kind": "partnership", "title": "Evening surgery", "startsOn": "2027-01-12",
                                                                      "startTime": "20:00", "endTime": "19:00", "repeats": "never"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("There is a problem"))
            #expect(bad.text.contains("href=\"#endTime\""))
            #expect(try await MeetingSeriesRecord.query(on: app.db).count() == before)
            let good = try await tom.post("\(Self.base)/meetings/new", ["kind": "open_community", "title": "Estate walkabout",
                                                                       "location": "Meet at the shops", "startsOn": Day.today().adding(days: 10).description,
                                                                       "startTime": "10:00", "endTime": "11:30", "repeats": "weekly", "count": "3"])
            #expect(good.status == .seeOther)
            let s = try await Self.series(app, titled: "Estate walkabout")
            #expect(try s.schedule.occurrences(from: Day.today(), through: Day.today().adding(days: 60)).count == 3)
            let page = try await TestClient(app).get("\(Self.base)/meetings")
            #expect(page.text.contains("Estate walkabout"))
            let audit = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "meeting_series").filter(\.$entityLabel == "Estate walkabout").count()
            #expect(audit == 1)
        }
    }

    @Test func cancelledMeetingsTakeNoAgendaAndTheFeedSaysCancelled() async throws {
        try await TestApp.run { app in
            let s = try await Self.series(app, titled: "Fernhill partnership meeting")
            let next = try #require(try s.schedule.nextOccurrence(onOrAfter: Day.today().adding(days: 1)))
            let path = "\(Self.base)/meetings/\(s.id!.uuidString.lowercased())/\(next.originalDay)"
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(path)
            #expect(try await chair.post(path + "/agenda", ["title": "Play area repairs", "lead": "Gwen"]).status == .seeOther)
            #expect(try await chair.get(path).text.contains("Play area repairs"))
            #expect(try await chair.post(path + "/change", ["action": "cancel", "reason": "Hall double-booked", "version": String(s.version)]).status == .seeOther)
            try await chair.get(path)
            let refused = try await chair.post(path + "/agenda", ["title": "Another item"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("is cancelled: reinstate it before adding to its agenda"))
            // A stale version (the form loaded before the cancellation) is refused, not applied.
            try await chair.get(path)
            #expect(try await chair.post(path + "/change", ["action": "reinstate", "version": String(s.version)]).status == .seeOther)
            #expect(try await Self.series(app, titled: "Fernhill partnership meeting").schedule.occurrence(originallyOn: next.originalDay)?.isCancelled == true)

            let feed = try await TestClient(app).get("\(Self.base)/meetings.ics")
            #expect(feed.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(feed.text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"))
            let uid = try s.series().uid(of: next)
            let event = try #require(feed.text.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:\(uid)") })
            #expect(event.contains("STATUS:CANCELLED"))
            // UIDs are stable: the same meeting has the same UID in every fetch.
            #expect(try await TestClient(app).get("\(Self.base)/meetings.ics").text.contains("UID:\(uid)"))
        }
    }

    @Test func minutesWaitForTheMeetingThenPublishAndDraftsStayInside() async throws {
        try await TestApp.run { app in
            let s = try await Self.series(app, titled: "Council liaison meeting")
            let future = try #require(try s.schedule.nextOccurrence(onOrAfter: Day.today().adding(days: 1)))
            let pastDay = try #require(try s.schedule.occurrences(from: Day.today().adding(days: -200), through: Day.today().adding(days: -1)).last)
            let id = s.id!.uuidString.lowercased()
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get("\(Self.base)/meetings/\(id)/\(future.originalDay)/minutes")
            let early = try await tom.post("\(Self.base)/meetings/\(id)/\(future.originalDay)/minutes", ["decisions": "Too soon", "version": "0"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("has not started yet"))

            let path = "\(Self.base)/meetings/\(id)/\(pastDay.originalDay)"
            let record = try #require(try await MeetingQueries.record(s.id!, meetingOn: pastDay.originalDay, on: app.db))
            let form = try await tom.get(path + "/minutes")
            #expect(form.text.contains("What did not go well, and what we learn"))
            let saved = try await tom.post(path + "/minutes", ["decisions": "Crossing survey booked for March", "wentBadly": "The estates team has still not replied",
                                                               "version": String(record.version)])
            #expect(saved.status == .seeOther)
            // Saved without ticking publish: a draft, hidden from the public.
            let visitorView = try await TestClient(app).get(path)
            #expect(!visitorView.text.contains("Crossing survey booked for March"))
            #expect(try await tom.get(path).text.contains("Crossing survey booked for March"))
            // Someone else saving from the same old form is told, and nothing of theirs is written.
            let other = TestClient(app)
            try await other.signIn(Demo.chair)
            try await other.get(path + "/minutes")
            let clash = try await other.post(path + "/minutes", ["decisions": "Overwrite", "version": String(record.version)])
            #expect(clash.status == .conflict)
            #expect(clash.text.contains("Someone else changed this set of minutes"))
            let now = try #require(try await MeetingQueries.record(s.id!, meetingOn: pastDay.originalDay, on: app.db))
            #expect(now.decisions == "Crossing survey booked for March")
            try await other.get(path + "/minutes")
            let chairID = try #require(try await AccountQueries.person(email: Demo.chair, on: app.db)?.id)
            #expect(try await other.post(path + "/minutes", [("decisions", "Crossing survey booked for March"), ("publish", "true"),
                                                             ("attended[]", chairID.uuidString), ("version", String(now.version))]).status == .seeOther)
            let published = try await TestClient(app).get(path)
            #expect(published.text.contains("Crossing survey booked for March"))
            #expect(published.text.contains("Ada Okafor"))
        }
    }

    @Test func thePersonalFeedOpensOnlyWithItsSignedLink() async throws {
        try await TestApp.run { app in
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let account = try await tom.get("/account")
            let link = try #require(account.text.firstMatch(of: /(\/calendars\/[^\/<"]+\/meetings\.ics)/)?.1)
            let feed = try await TestClient(app).get(String(link))
            #expect(feed.status == .ok)
            #expect(feed.text.contains("SUMMARY:Fernhill partnership meeting"))
            let forged = String(link).replacingOccurrences(of: "/calendars/", with: "/calendars/0")
            #expect(try await TestClient(app).get(forged).status == .notFound)
        }
    }

    @Test func theAPIListsMeetingsAndWritesMinutesWithVersions() async throws {
        try await TestApp.run { app in
            let list = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/meetings")
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.contains { ($0["status"] as? String) == "cancelled" })
            let bad = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/meetings?from=2026-13-01")
            #expect(bad.status == .unprocessableEntity)
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let created = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/meetings",
                                               #"{"kind":"council_liaison","title":"Budget briefing","startsOn":"2027-02-03","startTime":"14:00","endTime":"13:00"}"#)
            #expect(created.status == .unprocessableEntity)
            #expect(try created.json()["fields"] as? [String: String] != nil)
            let ok = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/meetings",
                                          #"{"kind":"council_liaison","title":"Budget briefing","startsOn":"2026-01-14","startTime":"14:00","endTime":"15:00","alreadyHappened":true}"#)
            #expect(ok.status == .created)
            let meeting = try #require((try ok.json()["items"] as? [[String: Any]])?.first)
            let detailPath = "/api/v1/partnerships/\(Demo.partnership)/meetings/\(meeting["series"] as! String)/2026-01-14"
            let written = try await chair.json(.PUT, detailPath + "/minutes", #"{"decisions":"Budget shared early","publish":true,"version":0}"#)
            #expect(written.status == .ok)
            let minutes = try #require(try written.json()["minutes"] as? [String: Any])
            #expect(minutes["published"] as? Bool == true)
            let again = try await chair.json(.PUT, detailPath + "/minutes", #"{"decisions":"Stale","version":0}"#)
            #expect(again.status == .conflict)
        }
    }
}

@Suite struct MeetingActionTests {
    @Test func anActionInTheMinutesBecomesACommitmentInTheRegister() async throws {
        try await TestApp.run { app in
            let s = try await MeetingWebTests.series(app, titled: "Fernhill partnership meeting")
            let last = try #require(try s.schedule.occurrences(from: Day.today().adding(days: -90), through: Day.today().adding(days: -1))
                .last { !$0.isCancelled })
            let next = try #require(try s.schedule.nextOccurrence(onOrAfter: Day.today().adding(days: 1)))
            let id = s.id!.uuidString.lowercased()
            let path = "\(MeetingWebTests.base)/meetings/\(id)/\(last.originalDay)"
            let hannah = TestClient(app)
            try await hannah.signIn("hannah@harbourside.example")
            let page = try await hannah.get(path)
            #expect(page.text.contains("Record an action"))
            let team = try #require(try await CommitmentQueries.parties(of: s.$partnership.id, on: app.db).first { $0.kind == .councilTeam })
            let due = Day.today().adding(days: 21).description
            let refused = try await hannah.post(path + "/actions", ["title": "", "owner": team.key, "recipient": "partnership", "dueOn": due, "size": "early_win"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("href=\"#title\""))
            try await hannah.get(path)
            let before = try await CommitmentRecord.query(on: app.db).count()
            let ok = try await hannah.post(path + "/actions", ["title": "Send the crossing survey dates", "owner": team.key,
                                                               "recipient": "partnership", "dueOn": due, "size": "early_win"])
            #expect(ok.status == .seeOther)
            #expect(try await CommitmentRecord.query(on: app.db).count() == before + 1)
            let c = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$title == "Send the crossing survey dates").first())
            #expect(c.state == .agreed)
            #expect(c.meetingSeriesID == s.id)
            #expect(c.meetingDayRaw == last.originalDay.description)
            // The register lists it, and its page links back to the meeting.
            let register = try await TestClient(app).get("\(MeetingWebTests.base)/commitments")
            #expect(register.text.contains("Send the crossing survey dates"))
            let shown = try await TestClient(app).get("\(MeetingWebTests.base)/commitments/\(c.id!.uuidString)")
            #expect(shown.text.contains("href=\"\(path)\""))
            #expect(try await hannah.get(path).text.contains("Send the crossing survey dates"))
            // A meeting that has not happened has no actions yet.
            let early = try await hannah.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/meetings/\(id)/\(next.originalDay)/actions",
                                              #"{"title":"Too soon","owner":"partnership","recipient":"\#(team.key)","dueOn":"\#(due)","size":"early_win"}"#)
            #expect(early.status == .unprocessableEntity)
            #expect(try early.text.contains("has not started yet"))
        }
    }
}
