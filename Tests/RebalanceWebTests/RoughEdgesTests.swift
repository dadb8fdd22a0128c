import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Rough edges met while trying Rebalance as each kind of user (issue 14, item 8). Each test
/// fails without its fix.
@Suite struct RoughEdgesTests {
    let base = "/partnerships/\(Demo.partnership)"

    /// Hints wrote dates as machines do ("2026-12-10T19:24"); people write "10 December 2026".
    @Test func hintsWriteDatesAsPeopleDo() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let machine = try Regex(#"\d{4}-\d\d-\d\d"#)
            let hint = try Regex(#"<p class="hint" id="[^"]+">([^<]*)</p>"#)
            var seen = 0
            for path in ["/proposals/new", "/polls/new", "/commitments/new", "/projects/new", "/meetings/new", "/agreement/draft"] {
                let page = try await chair.get(base + path)
                #expect(page.status == .ok, "\(path)")
                for match in page.text.matches(of: hint) {
                    let text = String(page.text[match.range])
                    // A meeting-time poll's options are typed one start time per line: that format is the input's own.
                    if text.contains("one start time per line") { continue }
                    seen += 1
                    #expect(text.firstMatch(of: machine) == nil, "\(path): \(text)")
                }
            }
            #expect(seen > 20)
            #expect(try await chair.get(base + "/proposals/new").text.contains(try Regex(#"for example [0-9]{2}:[0-9]{2} on [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}"#)))
        }
    }

    /// A form sent back with errors: the title begins "Error:" (read first by screen readers) and
    /// the summary takes focus when the page loads.
    @Test func aFormWithErrorsSaysSoInItsTitleAndFocusesTheSummary() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(base + "/commitments/new")
            let refused = try await chair.post(base + "/commitments/new", ["title": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("<title>Error: "))
            #expect(refused.text.contains("class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus"))
            #expect(!(try await chair.get(base + "/commitments/new").text.contains("<title>Error: ")))
        }
    }

    /// The meeting form refused "7pm".
    @Test func aMeetingCanBeScheduledForSevenPm() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await chair.get(base + "/meetings/new")
            let day = Day.today().adding(days: 20).description
            let made = try await chair.post(base + "/meetings/new", ["kind": "partnership", "title": "Extra meeting about the park",
                                                                   "startsOn": day, "startTime": "7pm", "endTime": "9pm", "repeats": "never"])
            #expect(made.status == .seeOther, "\(made.text.prefix(2000))")
            let series = try #require(try await MeetingSeriesRecord.query(on: app.db).filter(\.$title == "Extra meeting about the park").first())
            #expect(try series.schedule.startTime.description == "19:00")
        }
    }
}

/// Forms only for those who can use them (issue 14, item 5): the signing form offers only the
/// side the person may sign for, and none once they have signed; the pages say whose signature
/// a half-signed version waits for.
@Suite struct SigningFormTests {
    let version = "/partnerships/\(Demo.partnership)/agreement/versions/2"

    func sides(_ page: String) -> [String] {
        page.matches(of: try! Regex(#"<option value="(partnership|council)""#)).compactMap { $0.output[1].substring.map(String.init) }
    }

    @Test func eachPersonIsOfferedOnlyTheSideTheyMaySignFor() async throws {
        try await TestApp.run { app in
            let chair = TestClient(app), hannah = TestClient(app), tom = TestClient(app)
            try await chair.signIn(Demo.chair)
            try await hannah.signIn("hannah@harbourside.example")
            try await tom.signIn(Demo.member)
            #expect(sides(try await chair.get(version).text) == ["partnership"])
            #expect(sides(try await hannah.get(version).text) == ["council"])
            #expect(!(try await tom.get(version).text.contains("Sign this version")))
            let page = try await chair.get(version).text
            #expect(page.contains("Version 2 is waiting for the signature of the partnership&#39;s chair and of Hannah Reid for the council.")
                    || page.contains("Version 2 is waiting for the signature of the partnership's chair and of Hannah Reid for the council."))

            let current = try #require(try await AgreementVersionRecord.query(on: app.db).filter(\.$number == 2).first())
            #expect(try await chair.post(version + "/sign", ["side": "partnership", "version": String(current.version)]).status == .seeOther)
            // Signed: no form for her; the council's side still waits, and both pages say so.
            let after = try await chair.get(version).text
            #expect(!after.contains("Sign this version"))
            #expect(after.contains("Version 2 is waiting for the signature of Hannah Reid for the council."))
            #expect(try await chair.get("/partnerships/\(Demo.partnership)/agreement").text
                .contains("Version 2 is waiting for the signature of Hannah Reid for the council."))
            #expect(sides(try await hannah.get(version).text) == ["council"])
        }
    }
}
