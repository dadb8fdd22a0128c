import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// The public statistics page against figures worked out by hand, for a council of its own
/// (so the demo's enquiries do not count) with two teams: Waste (bins, 5 working days) and
/// Estates (land, 10 working days). Today is Wednesday 31 March 2027.
///
/// | enquiry | topic | received | history | outcome | working days | on time |
/// |---|---|---|---|---|---|---|
/// | e1 | bins | Mon 1 Mar | – | answered by Waste Wed 3 Mar | 2 | yes |
/// | e2 | bins | Mon 1 Mar | Waste → Estates 2 Mar | answered by Estates Fri 12 Mar | 9 | no |
/// | e3 | land | Mon 8 Mar | – | answered by Estates Fri 12 Mar | 4 | yes |
/// | e4 | land | Mon 15 Mar | – | withdrawn Tue 16 Mar | – | – |
/// | e5 | bins | Mon 1 Mar | Waste → Estates 2 Mar, Estates → Waste 3 Mar | open, overdue since 9 Mar | – | no |
///
/// Council: 5 received, 3 answered, median of 2, 4, 9 = 4, within target 2 ÷ (3 answered + 1
/// open overdue) = 50%, 3 hand-offs ÷ 5 = 0.60, 2 redirected.
/// Waste holds e1 and e5: 2 questions, 1 answered, median 2, 1 ÷ 2 = 50%, reached first by
/// e1, e2, e5 = 3, handed on 2 (e2, e5). Estates holds e2, e3, e4: 3 questions, 2 answered,
/// median (4 + 9) ÷ 2 = 6.5, 1 ÷ 2 = 50%, reached first 2, handed on 1.
@Suite struct EnquiryStatisticsTests {
    @Test func theStatisticsPageShowsTheHandWorkedFigures() async throws {
        try await TestApp.run { app in
            let db = app.db
            let system = Actor(personID: nil, name: "Test")
            let council = try await OrganisationCommands.create(
                OrganisationDraft(name: "Testborough Council", kind: .council, identifier: nil, description: nil, website: nil), by: system, on: db)
            let councilID = try council.requireID()
            let waste = try await OrganisationCommands.addTeam(to: councilID, TeamDraft(name: "Waste", remit: nil), by: system, on: db)
            let estates = try await OrganisationCommands.addTeam(to: councilID, TeamDraft(name: "Estates", remit: nil), by: system, on: db)
            _ = try await OrganisationCommands.addStaff(to: councilID, email: Demo.councilStaff, jobTitle: "Waste officer",
                                                        team: waste.id!.uuidString, by: system, on: db)
            _ = try await OrganisationCommands.addStaff(to: councilID, email: "raj@harbourside.example", jobTitle: "Surveyor",
                                                        team: estates.id!.uuidString, by: system, on: db)
            func actor(_ email: String) async throws -> Actor {
                try await ActorLoader.load(try #require(try await AccountQueries.person(email: email, on: db)), on: db)
            }
            let wasteOfficer = try await actor(Demo.councilStaff)
            let estatesOfficer = try await actor("raj@harbourside.example")
            _ = try await EnquiryCommands.addDirectoryEntry(council: councilID, .init(topic: "Bins", team: waste.id!.uuidString, targetWorkingDays: "5"), by: system, on: db)
            _ = try await EnquiryCommands.addDirectoryEntry(council: councilID, .init(topic: "Land", team: estates.id!.uuidString, targetWorkingDays: "10"), by: system, on: db)
            let area = try await AreaCommands.create(AreaDraft(name: "Testvale", description: nil, populationEstimate: nil, councilIDs: [councilID]),
                                                     partnershipName: "Testvale Partnership", by: system, on: db)
            let partnership = try #require(try await PartnershipRecord.query(on: db).filter(\.$area.$id == area.requireID()).first()).requireID()

            func day(_ text: String) -> Day { Day(text)! }
            func raise(_ topic: String, _ on: String) async throws -> EnquiryRecord {
                try await EnquiryCommands.raise(partnership: partnership, council: councilID,
                                                .init(topic: topic, title: "\(topic) \(on)", question: "?"), on: day(on), by: system, on: db)
            }
            func handOff(_ e: EnquiryRecord, to team: TeamRecord, _ on: String, by: Actor) async throws -> EnquiryRecord {
                let current = try #require(try await EnquiryRecord.find(e.id, on: db))
                return try await EnquiryCommands.handOff(e.id!, in: partnership, expectedVersion: current.version,
                                                         .init(toTeam: team.id!.uuidString, reason: "Not ours"), on: day(on), by: by, on: db)
            }
            func answer(_ e: EnquiryRecord, _ on: String, by: Actor) async throws {
                let current = try #require(try await EnquiryRecord.find(e.id, on: db))
                _ = try await EnquiryCommands.answer(e.id!, in: partnership, expectedVersion: current.version, text: "Answer",
                                                     on: day(on), by: by, on: db)
            }
            let e1 = try await raise("Bins", "2027-03-01")
            try await answer(e1, "2027-03-03", by: wasteOfficer)
            let e2 = try await raise("Bins", "2027-03-01")
            _ = try await handOff(e2, to: estates, "2027-03-02", by: wasteOfficer)
            try await answer(e2, "2027-03-12", by: estatesOfficer)
            let e3 = try await raise("Land", "2027-03-08")
            try await answer(e3, "2027-03-12", by: estatesOfficer)
            let e4 = try await raise("Land", "2027-03-15")
            _ = try await EnquiryCommands.withdraw(e4.id!, in: partnership, expectedVersion: 1, on: day("2027-03-16"), by: system, on: db)
            let e5 = try await raise("Bins", "2027-03-01")
            _ = try await handOff(e5, to: estates, "2027-03-02", by: wasteOfficer)
            _ = try await handOff(e5, to: waste, "2027-03-03", by: estatesOfficer)

            app.enquiryToday = day("2027-03-31")
            let page = try await TestClient(app).get("/councils/\(council.slug)/enquiries/statistics")
            #expect(page.status == .ok)
            let html = page.text
            for (id, value) in [("received", "5"), ("answered", "3"), ("open", "1 (1 overdue)"), ("median", "4"),
                                ("share", "50%"), ("hand-offs", "0.60"), ("redirected", "2")] {
                #expect(html.contains("id=\"figure-\(id)\">\(value)</dd>"), "figure \(id) should be \(value)")
            }
            // Team rows: questions, reached first, answered, open and overdue, median, within target, handed on.
            #expect(html.contains(Self.row("Waste", ["2", "3", "1", "1", "2", "50%", "2"])))
            #expect(html.contains(Self.row("Estates", ["3", "2", "2", "0", "6.5", "50%", "1"])))
            // Over time, by quarter: all five fall in January to March 2027.
            #expect(html.contains("<tr><th scope=\"row\">January to March 2027</th><td class=\"numeric\">5</td><td class=\"numeric\">3</td><td class=\"numeric\">4</td><td class=\"numeric\">50%</td><td class=\"numeric\">0.60</td></tr>"))
            // Each chart is drawn on the server as an image with a text alternative.
            #expect(html.components(separatedBy: "role=\"img\"").count - 1 == 4)
            #expect(html.contains("Answered within target, by team"))

            let api = try await TestClient(app).get("/api/v1/councils/\(council.slug)/enquiries/statistics?by=month")
            #expect(api.status == .ok)
            let overall = try #require(try api.json()["overall"] as? [String: Any])
            #expect(overall["received"] as? Int == 5)
            #expect(overall["medianWorkingDaysToAnswer"] as? Double == 4)
            #expect(overall["shareWithinTarget"] as? Double == 0.5)
            #expect(overall["averageHandOffs"] as? Double == 0.6)
            let series = try #require(try api.json()["series"] as? [[String: Any]])
            #expect(series.count == 12, "April 2026 to March 2027")
            #expect(series.last?["period"] as? String == "2027-03")
            let bad = try await TestClient(app).get("/api/v1/councils/\(council.slug)/enquiries/statistics?by=week")
            #expect(bad.status == .unprocessableEntity)
            // A council only: an LTO has no statistics page.
            #expect(try await TestClient(app).get("/councils/fernhill-community-trust/enquiries/statistics").status == .notFound)
        }
    }

    static func row(_ team: String, _ cells: [String]) -> String {
        "<tr><th scope=\"row\">\(team)</th>" + cells.map { "<td class=\"numeric\">\($0)</td>" }.joined() + "</tr>"
    }
}
