import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

@Suite struct HandoverWebTests {
    static let base = "/partnerships/\(Demo.partnership)"

    @Test func aLeavingOfficerHandsOverSeatAndPromisesAndTheSuccessorStartsWithTheNote() async throws {
        try await TestApp.run { app in
            let p = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db))
            let hannah = try #require(p.memberships.first { $0.person.email == "hannah@harbourside.example" && $0.isCurrent(on: .today()) })
            let beth = try #require(try await AccountQueries.person(email: Demo.councilStaff, on: app.db))
            // Hannah has an open promise in her own name.
            let promise = try await CommitmentCommands.create(in: try p.requireID(), .init(
                title: "Confirm the crossing survey dates", owner: "person:\(hannah.$person.id.uuidString.lowercased())", recipient: "partnership",
                dueOn: Day.today().adding(days: 30).description, size: "early_win"), confirmOverPromise: false,
                by: Actor(personID: hannah.$person.id, name: "Hannah Reid"), on: app.db)

            let client = TestClient(app)
            try await client.signIn("hannah@harbourside.example")
            let path = "\(Self.base)/members/\(hannah.id!.uuidString)/handover"
            try await client.get(path)
            let missing = try await client.post(path, ["successor": hannah.$person.id.uuidString, "lastDay": Day.today().description])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("href=\"#successor\""))
            #expect(missing.text.contains("href=\"#history\""))
            #expect(try await MembershipRecord.find(hannah.id, on: app.db)?.endsOnRaw == nil)
            let done = try await client.post(path, ["successor": beth.id!.uuidString, "lastDay": Day.today().description,
                                                    "openCommitments": "Crossing survey dates", "keyContacts": "Ada, the chair",
                                                    "history": "Monthly meetings since 2024", "pending": "Brook Street land"])
            #expect(done.status == .seeOther)
            let notePath = try #require(done.location)
            // Her seat ends today; Beth sits from tomorrow; the promise is Beth's now, with the history kept.
            #expect(try await MembershipRecord.find(hannah.id, on: app.db)?.endsOnRaw == Day.today().description)
            let bethSeat = try #require(try await MembershipRecord.query(on: app.db).filter(\.$person.$id == beth.id!)
                .filter(\.$partnership.$id == p.id!).first())
            #expect(bethSeat.startsOnRaw == Day.today().adding(days: 1).description)
            #expect(bethSeat.role == .councilOfficer)
            let moved = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$id == promise.id!).with(\.$events).first())
            #expect(moved.ownerID == beth.id)
            #expect(moved.events.contains { $0.kind == .reassigned && ($0.reason ?? "").contains("Handed over from Hannah Reid to Beth Summers") })
            // The digest pass tells close contacts of the change straight away.
            _ = try await DigestPass.run(today: .today(), pageURL: { $0 }, on: app.db)
            let told = try await OutboxMessageRecord.query(on: app.db).filter(\.$email == "ada@fernhill.example").all()
            #expect(told.contains { $0.subject.contains("Change of contact: Beth Summers takes over from Hannah Reid") })
            // Beth's first page after signing in is the note, with the relationship's recent history.
            let successor = TestClient(app)
            try await successor.get("/sign-in")
            let signedIn = try await successor.post("/sign-in", ["email": Demo.councilStaff, "password": DemoData.password])
            #expect(signedIn.location == notePath)
            let note = try await successor.get(notePath)
            #expect(note.text.contains("Welcome to Fernhill Big Local Partnership"))
            #expect(note.text.contains("Recently in the relationship"))
            // Read once, it is no longer the first page: the rest of her work is, without the note.
            let again = TestClient(app)
            try await again.get("/sign-in")
            #expect(try await again.post("/sign-in", ["email": Demo.councilStaff, "password": DemoData.password]).location == "/your-work")
            #expect(!(try await again.get("/your-work").text.contains("handover note")))
            // Not for the public.
            #expect(try await TestClient(app).get(notePath).status != .ok)
        }
    }

    @Test func residentsDoNotHandOverAndTheAPIExplains() async throws {
        try await TestApp.run { app in
            let p = try #require(try await PartnershipQueries.find(slug: Demo.partnership, on: app.db))
            let tom = try #require(p.memberships.first { $0.person.email == Demo.member })
            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let r = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/members/\(tom.id!.uuidString)/handover",
                                         #"{"successor":"\#(UUID().uuidString)","openCommitments":"a","keyContacts":"b","history":"c","pending":"d"}"#)
            #expect(r.status == .unprocessableEntity)
            #expect(r.text.contains("Only council officers and councillors write a handover note"))
            // The demo's past handover reads through the API for members.
            let demo = try #require(try await HandoverRecord.query(on: app.db).first())
            let read = try await chair.get("/api/v1/partnerships/\(Demo.partnership)/handovers/\(demo.id!.uuidString)")
            #expect(read.status == .ok)
            #expect(try read.json()["successor"] as? String == "Hannah Reid")
        }
    }
}
