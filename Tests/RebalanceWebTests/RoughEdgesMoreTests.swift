import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// The rest of issue 14's rough edges: past meetings, form addresses reloaded, the over-promise
/// warning, the meeting form's repeat fields and rhythm date, and where a promise came from.
@Suite struct RoughEdgesMoreTests {
    let base = "/partnerships/\(Demo.partnership)"

    /// A meeting in the past was accepted, announced, and then shown nowhere.
    @Test func aPastMeetingIsOnlyRecordedAsHavingHappenedAndAnyYearCanBeShown() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(base + "/meetings/new")
            let past = Day.today().adding(days: -800)
            var form = ["kind": "partnership", "title": "Founding meeting", "startsOn": past.description,
                        "startTime": "7pm", "endTime": "9pm", "repeats": "never"]
            let refused = try await chair.post(base + "/meetings/new", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Date must be today or later for a new meeting"))
            form["alreadyHappened"] = "true"
            form["repeats"] = "weekly"
            #expect(try await chair.post(base + "/meetings/new", form).text.contains("A meeting that has already happened is recorded on its own"))
            form["repeats"] = "never"
            #expect(try await chair.post(base + "/meetings/new", form).status == .seeOther)
            #expect(try await chair.get(base + "/meetings").text.contains("Founding meeting has been recorded"))
            // Not announced: the digest has nothing to say about it.
            let p = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first())
            let published = try await DigestItems.published(by: p, pageURL: { $0 }, on: app.db)
            #expect(!published.contains { $0.title == "Founding meeting" })
            // Not in the last year, but on its year's page, which the year list links to.
            let page = try await chair.get(base + "/meetings")
            #expect(!page.text.contains("Founding meeting"))
            #expect(page.text.contains("href=\"?year=\(past.year)\""))
            let year = try await chair.get(base + "/meetings?year=\(past.year)")
            #expect(year.text.contains("Founding meeting") && year.text.contains("Meetings held in \(past.year)"))
            // A future date cannot be recorded as having happened.
            form["startsOn"] = Day.today().adding(days: 3).description
            #expect(try await chair.post(base + "/meetings/new", form).text.contains("the meeting has not happened yet"))
        }
    }

    /// Reloading a page shown after a refused post asked for the form's address with GET: 404.
    @Test func aFormAddressOpenedDirectlyLeadsBackToItsPage() async throws {
        try await TestApp.run { app in
            let officer = TestClient(app)
            try await officer.signIn("raj@harbourside.example")
            let enquiry = try #require(try await EnquiryRecord.query(on: app.db).filter(\.$title == "Asset transfer of the community centre")
                .with(\.$partnership).first())
            let page = "/partnerships/\(enquiry.partnership.slug)/enquiries/\(enquiry.id!.uuidString)"
            let reloaded = try await officer.get(page + "/answer")
            #expect(reloaded.status == .seeOther && reloaded.location == page)
            let notice = try await officer.get("/your-work/notices/\(UUID().uuidString)/seen")
            #expect(notice.status == .seeOther && notice.location == "/your-work")
            // The API keeps its exact answer.
            #expect(try await officer.get("/api/v1/partnerships/\(enquiry.partnership.slug)/enquiries/\(enquiry.id!.uuidString)/answer").status == .methodNotAllowed)
        }
    }

    /// The over-promise warning was a red error box with its checkbox at the end of the form.
    @Test func theOverPromiseWarningSitsBesideItsConfirmation() async throws {
        try await TestApp.run { app in
            let staff = TestClient(app)
            try await staff.signIn(Demo.councilStaff)
            try await staff.get(base + "/commitments/new")
            let parks = try #require(try await TeamRecord.query(on: app.db).filter(\.$name == "Parks and Green Spaces").first())
            let warned = try await staff.post(base + "/commitments/new", [
                "title": "Plant the orchard", "owner": "team:\(parks.id!.uuidString)", "recipient": "partnership",
                "dueOn": Day.today().adding(days: 30).description, "size": "early_win", "state": "proposed"])
            #expect(warned.status == .unprocessableEntity)
            #expect(!warned.text.contains("error-summary"))
            #expect(warned.text.contains("class=\"warning-text\""))
            let owner = try #require(warned.text.range(of: "id=\"owner\""))
            let confirm = try #require(warned.text.range(of: "id=\"confirmOverPromise\""))
            let recipient = try #require(warned.text.range(of: "id=\"recipient\""))
            #expect(owner.lowerBound < confirm.lowerBound && confirm.lowerBound < recipient.lowerBound)
        }
    }

    /// Six repeat fields were shown for a one-off meeting; the rhythm form started on today.
    @Test func theMeetingFormsStartFromWhatApplies() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let form = try await chair.get(base + "/meetings/new")
            #expect(form.text.matches(of: try Regex(#"form-group repeat-field"#)).count == 6)
            let css = try await chair.get("/css/site.css")
            #expect(css.text.contains(#"option[value="never"]:checked) .repeat-field"#))

            let p = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first())
            let plan = try #require(try await CommunicationPlanQueries.record(of: p.requireID(), on: app.db)).plan
            let today = Day.today()
            let rhythm = try #require(plan.rhythms[.partnership])
            let next = try #require(rhythm.schedule(from: today).nextOccurrence(onOrAfter: today)).day
            let page = try await chair.get(base + "/meetings")
            #expect(page.text.contains("id=\"startsOn-partnership\" name=\"startsOn\" type=\"date\" value=\"\(next)\""))
        }
    }

    /// "Meeting where it was made" and "Decision it carries out" were free text, linked to nothing.
    @Test func aPromiseLinksTheMeetingAndDecisionItCameFrom() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let form = try await chair.get(base + "/commitments/new")
            let p = try #require(try await PartnershipRecord.query(on: app.db).filter(\.$slug == Demo.partnership).first())
            let decision = try #require(try await DecisionQueries.log(in: p.requireID(), on: app.db).first)
            let meeting = try #require(try await MeetingQueries.meetings(of: [p.requireID()], from: Day.today().adding(days: -200), through: Day.today(), on: app.db)
                .last { !$0.occurrence.isCancelled })
            let meetingValue = "\(meeting.series.id!.uuidString.lowercased())/\(meeting.occurrence.originalDay)"
            #expect(form.text.contains("<select") && form.text.contains("value=\"\(meetingValue)\"") && form.text.contains("value=\"\(decision.id!.uuidString)\""))

            let parks = try #require(try await TeamRecord.query(on: app.db).filter(\.$name == "Parks and Green Spaces").first())
            let bad = try await chair.post(base + "/commitments/new", [
                "title": "Paint the benches", "owner": "partnership", "recipient": "team:\(parks.id!.uuidString)", "confirmOverPromise": "true", "dueOn": Day.today().adding(days: 20).description,
                "size": "early_win", "state": "proposed", "meeting": "\(UUID().uuidString.lowercased())/2020-01-01"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Choose a meeting of this partnership from the list"))

            let made = try await chair.post(base + "/commitments/new", [
                "title": "Paint the benches", "owner": "partnership", "recipient": "team:\(parks.id!.uuidString)", "confirmOverPromise": "true", "dueOn": Day.today().adding(days: 20).description,
                "size": "early_win", "state": "proposed", "meeting": meetingValue, "decision": decision.id!.uuidString])
            #expect(made.status == .seeOther, "\(made.text.firstRange(of: "error-summary__list").map { String(made.text[$0.lowerBound...].prefix(600)) } ?? "")")
            let c = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$title == "Paint the benches").first())
            #expect(c.meetingSeriesID == meeting.series.id && c.meetingDayRaw == meeting.occurrence.originalDay.description && c.decisionID == decision.id)
            let shown = try await chair.get(try #require(made.location))
            #expect(shown.text.contains("href=\"\(base)/meetings/\(meetingValue)\"") && shown.text.contains("href=\"\(base)/decisions/\(decision.id!.uuidString)\""))
        }
    }
}
