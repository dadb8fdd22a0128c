import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Enquiries to the council through the pages and the API, on the demo council's directory.
/// "Today" is fixed at Monday 22 March 2027, so the working days cross Easter 2027 (Good Friday
/// 26 March, Easter Monday 29 March): 10 working days from then is Wednesday 7 April.
@Suite struct EnquiryTests {
    static let today = Day("2027-03-22")!
    static let parksTopic = "Parks, playgrounds and trees"
    static let property = "raj@harbourside.example"

    struct Fixture {
        let partnershipID: UUID
        let councilID: UUID
        let teams: [String: UUID]
    }

    static func fixture(_ app: Application) async throws -> Fixture {
        let p = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db))
        let council = try #require(try await OrganisationQueries.find(slug: Demo.council, on: app.db))
        return Fixture(partnershipID: try p.requireID(), councilID: try council.requireID(),
                       teams: Dictionary(uniqueKeysWithValues: council.teams.map { ($0.slug, $0.id!) }))
    }

    /// Tom (a member) asks about the park through the form; returns the enquiry's path and id.
    static func raise(_ client: TestClient, title: String = "Broken gate at the park") async throws -> (path: String, id: UUID) {
        try await client.get("/partnerships/\(Demo.partnership)/enquiries/new")
        let response = try await client.post("/partnerships/\(Demo.partnership)/enquiries/new",
                                             ["topic": parksTopic, "title": title, "question": "The gate on Mill Road has not closed since January."])
        #expect(response.status == .seeOther, "\(response.text.prefix(500))")
        let path = try #require(response.location)
        return (path, try #require(UUID(uuidString: String(path.split(separator: "/").last!))))
    }

    static func enquiry(_ id: UUID, _ app: Application) async throws -> EnquiryRecord {
        try #require(try await EnquiryRecord.query(on: app.db).filter(\.$id == id).with(\.$handOffs).first())
    }

    @Test func aMemberRaisesAnEnquiryRoutedByTheDirectoryWithAWorkingDayDueDate() async throws {
        try await TestApp.run { app in
            app.enquiryToday = Self.today
            let f = try await Self.fixture(app)
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let (path, id) = try await Self.raise(tom)
            let record = try await Self.enquiry(id, app)
            #expect(record.$firstTeam.id == f.teams["parks-and-green-spaces"])
            #expect(record.targetWorkingDays == 10)
            #expect(record.receivedOnRaw == "2027-03-22")
            #expect(record.state == .open)
            #expect(record.raisedByName == "Tom Price")
            let page = try await tom.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("7 April 2027"), "due 10 working days later, skipping Good Friday and Easter Monday")
            #expect(page.text.contains("Parks and Green Spaces"))
            // The list shows it with its holder and due day.
            let list = try await tom.get("/partnerships/\(Demo.partnership)/enquiries")
            #expect(list.text.contains("Broken gate at the park"))
            #expect(list.text.contains("7 April 2027"))
        }
    }

    @Test func badQuestionsAreRefusedNamingTheFieldAndNothingIsWritten() async throws {
        try await TestApp.run { app in
            app.enquiryToday = Self.today
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let before = try await EnquiryRecord.query(on: app.db).count()
            try await tom.get("/partnerships/\(Demo.partnership)/enquiries/new")
            let response = try await tom.post("/partnerships/\(Demo.partnership)/enquiries/new",
                                              ["topic": "Bin collections", "title": "", "question": "When?"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("error-summary"))
            #expect(response.text.contains("href=\"#topic\""))
            #expect(response.text.contains("the one given is not in it"))
            #expect(response.text.contains("href=\"#title\""))
            #expect(try await EnquiryRecord.query(on: app.db).count() == before)
        }
    }

    @Test func aHandOffIsRecordedWithItsReasonAndOnlyTheHoldingTeamMayAnswer() async throws {
        try await TestApp.run { app in
            app.enquiryToday = Self.today
            let f = try await Self.fixture(app)
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let (path, id) = try await Self.raise(tom)

            let beth = TestClient(app)
            try await beth.signIn(Demo.councilStaff)
            try await beth.get(path)
            // Without a reason, to the team that already has it: refused, naming both fields.
            let bad = try await beth.post(path + "/hand-off", ["toTeam": f.teams["parks-and-green-spaces"]!.uuidString, "reason": " ", "version": "1"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("href=\"#toTeam\""))
            #expect(bad.text.contains("href=\"#reason\""))
            // To a team of another council: not one of this council's teams.
            let otherTeam = try await OrganisationCommands.addTeam(
                to: try await OrganisationCommands.create(OrganisationDraft(name: "Elsewhere Council", kind: .council, identifier: nil,
                                                                           description: nil, website: nil), by: .visitor, on: app.db).requireID(),
                TeamDraft(name: "Parks", remit: nil), by: .visitor, on: app.db)
            let foreign = try await beth.post(path + "/hand-off", ["toTeam": otherTeam.id!.uuidString, "reason": "Theirs", "version": "1"])
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.text.contains("the one given is not known"))
            #expect(try await Self.enquiry(id, app).handOffs.isEmpty)

            app.enquiryToday = Self.today.adding(days: 1)
            let handed = try await beth.post(path + "/hand-off", ["toTeam": f.teams["property-and-estates"]!.uuidString,
                                                                  "reason": "The gate belongs to the allotments, which are council land.", "version": "1"])
            #expect(handed.status == .seeOther)
            let afterHandOff = try await Self.enquiry(id, app)
            #expect(afterHandOff.state == .handedOff)
            #expect(afterHandOff.version == 2)
            let row = try #require(afterHandOff.handOffs.first)
            #expect(row.$fromTeam.id == f.teams["parks-and-green-spaces"])
            #expect(row.$toTeam.id == f.teams["property-and-estates"])
            #expect(row.onRaw == "2027-03-23")
            #expect(row.byName == "Beth Summers")
            let page = try await tom.get(path)
            #expect(page.text.contains("Handed from Parks and Green Spaces to Property and Estates by Beth Summers"))
            #expect(page.text.contains("council land."))

            // Beth's team no longer holds it: her answer is refused, in words, and nothing changes.
            try await beth.get(path)
            let wrong = try await beth.post(path + "/answer", ["answer": "Fixed it.", "version": "2"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("This enquiry is with Property and Estates: only that team can answer it"))
            let unchanged = try await Self.enquiry(id, app)
            #expect(unchanged.state == .handedOff && unchanged.answer == nil && unchanged.version == 2)

            // The receiving team answers, which closes it.
            let raj = TestClient(app)
            try await raj.signIn(Self.property)
            try await raj.get(path)
            app.enquiryToday = Day("2027-04-01")!
            let answered = try await raj.post(path + "/answer", ["answer": "A new latch is fitted.", "version": "2"])
            #expect(answered.status == .seeOther)
            let closed = try await Self.enquiry(id, app)
            #expect(closed.state == .answered)
            #expect(closed.closedOnRaw == "2027-04-01")
            #expect(closed.answer == "A new latch is fitted.")
            #expect(closed.answeredBy == "Raj Patel")
            let final = try await tom.get(path)
            #expect(final.text.contains("A new latch is fitted."))
            #expect(final.text.contains("6 working days after it was received: within the target"))

            // Acting on a closed enquiry is refused.
            let late = try await tom.post(path + "/withdraw", ["version": "3"])
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("This enquiry was answered on 1 April 2027 and is closed"))

            // Every change is in the partnership's audit log.
            let audit = try await AuditQueries.named(AuditEntryRecord.query(on: app.db).filter(\.$partnershipID == f.partnershipID).all(), on: app.db)
            let forThis = audit.filter { $0.entityID == id.uuidString }
            #expect(forThis.map(\.action).sorted() == ["created", "updated", "updated"])
            #expect(audit.contains { $0.entityType == "enquiry_hand_off" && $0.afterFields?["enquiry_id"] == id.uuidString
                && $0.actorName == "Beth Summers" })
            #expect(forThis.contains { $0.afterFields?["state"] == "answered" && $0.actorName == "Raj Patel" })
        }
    }

    @Test func thePartnershipWithdrawsAnEnquiryAndTheCouncilCannot() async throws {
        try await TestApp.run { app in
            app.enquiryToday = Self.today
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let (path, id) = try await Self.raise(tom)
            let beth = TestClient(app)
            try await beth.signIn(Demo.councilStaff)
            try await beth.get(path)
            #expect(try await beth.post(path + "/withdraw", ["version": "1"]).status == .forbidden)
            try await tom.get(path)
            // A stale version is a conflict, shown with the enquiry as it is now.
            let stale = try await tom.post(path + "/withdraw", ["version": "7"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("This was changed by someone else"))
            #expect(try await Self.enquiry(id, app).state == .open)
            let withdrawn = try await tom.post(path + "/withdraw", ["version": "1"])
            #expect(withdrawn.status == .seeOther)
            let record = try await Self.enquiry(id, app)
            #expect(record.state == .withdrawn && record.closedOnRaw == "2027-03-22")
            #expect(try await tom.get(path).text.contains("Withdrawn by the partnership"))
        }
    }

    @Test func anOverdueEnquiryIsRemindedOnceThroughTheOutbox() async throws {
        try await TestApp.run { app in
            app.enquiryToday = Self.today
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let (_, id) = try await Self.raise(tom)
            func reminders() async throws -> [OutboxMessageRecord] {
                // Reminders, not the notice the team got when the enquiry arrived (NoticeTests).
                try await OutboxMessageRecord.query(on: app.db).all().filter { ($0.dedupeKey?.contains(id.uuidString) ?? false)
                    && !($0.dedupeKey?.hasPrefix("notice:") ?? false) }
            }
            // Not yet due: nothing.
            _ = try await EnquiryReminderPass.run(app, today: Day("2027-04-06")!)
            #expect(try await reminders().isEmpty)
            // Due day: one message to each person in the holding team (Parks: Beth).
            _ = try await EnquiryReminderPass.run(app, today: Day("2027-04-07")!)
            _ = try await EnquiryReminderPass.run(app, today: Day("2027-04-07")!)
            _ = try await EnquiryReminderPass.run(app, today: Day("2027-04-08")!)
            let first = try await reminders()
            #expect(first.count == 1)
            #expect(first.first?.email == Demo.councilStaff)
            #expect(first.first?.kind == "reminder")
            #expect(first.first?.subject.contains("Due today") ?? false)
            #expect(try await Self.enquiry(id, app).lastRemindedOnRaw == "2027-04-07")
            // Five working days later, the next one, once.
            _ = try await EnquiryReminderPass.run(app, today: Day("2027-04-14")!)
            _ = try await EnquiryReminderPass.run(app, today: Day("2027-04-14")!)
            let second = try await reminders()
            #expect(second.count == 2)
            #expect(second.contains { $0.subject.contains("5 working days overdue") })
            // Overdue shows on the list.
            app.enquiryToday = Day("2027-04-14")!
            let list = try await tom.get("/partnerships/\(Demo.partnership)/enquiries")
            #expect(list.text.contains("Overdue by 5 working days"))
        }
    }

    @Test func theAPICreatesShowsRefusesBadInputAndDetectsConcurrentEdits() async throws {
        try await TestApp.run { app in
            app.enquiryToday = Self.today
            let base = "/api/v1/partnerships/\(Demo.partnership)/enquiries"
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            let empty = try await tom.json(.POST, base, "{}")
            #expect(empty.status == .unprocessableEntity)
            let fields = try #require(try empty.json()["fields"] as? [String: String])
            #expect(Set(fields.keys) == ["topic", "title", "question"])
            let unknown = try await tom.json(.POST, base, #"{"topic": "Bins", "title": "Bins", "question": "When?"}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect((try unknown.json()["fields"] as? [String: String])?["topic"]?.contains("not in it") == true)
            let malformed = try await tom.json(.POST, base, #"{"topic": 3}"#)
            #expect(malformed.status == .badRequest)

            let created = try await tom.json(.POST, base, #"{"topic": "\#(Self.parksTopic)", "title": "Gate", "question": "It is broken."}"#)
            #expect(created.status == .created, "\(created.text)")
            let body = try created.json()
            let id = try #require(body["id"] as? String)
            #expect(body["dueOn"] as? String == "2027-04-07")
            #expect(body["receivedOn"] as? String == "2027-03-22")
            #expect((body["holdingTeam"] as? [String: Any])?["slug"] as? String == "parks-and-green-spaces")
            #expect(body["version"] as? Int == 1)
            #expect(body["answer"] is NSNull)

            let shown = try await tom.get("\(base)/\(id)")
            #expect(shown.status == .ok)
            #expect((try shown.json()["handOffs"] as? [Any])?.isEmpty == true)

            let beth = TestClient(app)
            try await beth.signIn(Demo.councilStaff)
            let same = try await beth.json(.POST, "\(base)/\(id)/hand-off", #"{"toTeam": "parks-and-green-spaces", "reason": "x", "version": 1}"#)
            #expect(same.status == .unprocessableEntity)
            #expect((try same.json()["fields"] as? [String: String])?["toTeam"] != nil)
            let noVersion = try await beth.json(.POST, "\(base)/\(id)/hand-off", #"{"toTeam": "property-and-estates", "reason": "Council land"}"#)
            #expect(noVersion.status == .unprocessableEntity)
            #expect((try noVersion.json()["fields"] as? [String: String])?["version"] != nil)
            let handed = try await beth.json(.POST, "\(base)/\(id)/hand-off", #"{"toTeam": "property-and-estates", "reason": "Council land", "version": 1}"#)
            #expect(handed.status == .ok)
            #expect(try handed.json()["version"] as? Int == 2)
            #expect(try handed.json()["state"] as? String == "handed_off")

            let raj = TestClient(app)
            try await raj.signIn(Self.property)
            let stale = try await raj.json(.POST, "\(base)/\(id)/answer", #"{"answer": "Done", "version": 1}"#)
            #expect(stale.status == .conflict)
            #expect(try stale.json()["error"] as? String == "version_conflict")
            let answered = try await raj.json(.POST, "\(base)/\(id)/answer", #"{"answer": "Done", "version": 2}"#)
            #expect(answered.status == .ok)
            #expect(try answered.json()["state"] as? String == "answered")
            #expect(try answered.json()["closedOn"] as? String == "2027-03-22")

            // Outsiders cannot read a partnership's enquiries.
            let visitor = TestClient(app)
            #expect(try await visitor.get(base).status == .unauthorized)
            let list = try await tom.get(base)
            #expect((try list.json()["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        }
    }

    @Test func theDirectoryIsKeptByTheCouncilsAdministrators() async throws {
        try await TestApp.run { app in
            let f = try await Self.fixture(app)
            let path = "/councils/\(Demo.council)/directory"
            // An officer who is not an administrator reads the directory but does not change it.
            let officer = TestClient(app)
            try await officer.signIn(Demo.councilStaff)
            try await officer.get(path)
            #expect(try await officer.post(path, ["topic": "Bin collections", "team": "", "targetWorkingDays": "3"]).status == .forbidden)
            let beth = TestClient(app)
            try await beth.signIn(Demo.councilAdmin)
            try await beth.get(path)
            let bad = try await beth.post(path, ["topic": Self.parksTopic.uppercased(), "team": "", "targetWorkingDays": "0"])
            #expect(bad.status == .unprocessableEntity)
            for field in ["topic", "team", "targetWorkingDays"] { #expect(bad.text.contains("href=\"#\(field)\"")) }
            let added = try await beth.post(path, ["topic": "Bin collections", "team": f.teams["neighbourhoods-and-communities"]!.uuidString,
                                                   "targetWorkingDays": "3"])
            #expect(added.status == .seeOther)
            let page = try await TestClient(app).get(path)
            #expect(page.text.contains("Bin collections"))
            #expect(page.text.contains("3 working days"))
            let api = try await TestClient(app).get("/api/v1/councils/\(Demo.council)/directory")
            let items = try #require(try api.json()["items"] as? [[String: Any]])
            #expect(items.contains { $0["topic"] as? String == "Bin collections" && $0["targetWorkingDays"] as? Int == 3 })
            #expect(try await AuditQueries.named(AuditEntryRecord.query(on: app.db).filter(\.$entityType == "responsibility_entry").all(), on: app.db)
                .filter { $0.actorName == "Grace Adeyemi" }.count == 1)
        }
    }
}
