import FluentKit
import Foundation
import NIOCore
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// Who holds the money (issue 15): an organisation of another kind can also act as an LTO; the
/// chair records the partnership's choice of one on a decision from its log, and its end; a
/// new LTO then records money. And the LTO's file of transactions uploaded as a file.
@Suite struct MoneyHoldersWebTests {
    let base = "/partnerships/\(Demo.partnership)"

    func decision(_ prefix: String, _ app: Application) async throws -> String {
        let all = try await DecisionLogRecord.query(on: app.db).all()
        return try #require(all.first { $0.title.hasPrefix(prefix) }?.id).uuidString
    }

    func periods(_ app: Application) async throws -> Int { try await PartnershipLTORecord.query(on: app.db).count() }

    @Test func theChairRecordsWhoHoldsTheMoneyOnADecision() async throws {
        try await TestApp.run { app in
            // Only an administrator may let an organisation hold money.
            let tom = TestClient(app)
            try await tom.signIn(Demo.member)
            try await tom.get("/organisations/new")
            let refused = try await tom.post("/organisations/new", ["name": "Mill Road Traders", "kind": "community_group", "holdsMoney": "true"])
            #expect(refused.status == .forbidden)
            let admin = TestClient(app)
            try await admin.signIn(Demo.admin)
            try await admin.get("/organisations/new")
            #expect(try await admin.post("/organisations/new", ["name": "Harbourside Community Foundation", "kind": "local_organisation",
                                                                "holdsMoney": "true"]).status == .seeOther)
            let foundation = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$slug == "harbourside-community-foundation").first())
            #expect(foundation.holdsMoney && foundation.kind == .localOrganisation)
            #expect(try await TestClient(app).get("/organisations/harbourside-community-foundation").text.contains("also a locally trusted organisation"))

            let chair = TestClient(app)
            try await chair.signIn(Demo.chair)
            let page = try await chair.get(base + "/money/ltos")
            #expect(page.status == .ok && page.text.contains("Harbourside Community Foundation") && page.text.contains("Record the choice"))
            let funDay = try await decision("Fund the summer fun day", app), cctv = try await decision("Spend £12,000 on CCTV", app)
            let id = try foundation.requireID().uuidString
            let before = try await periods(app)

            // A blocked proposal is not a decision to rest on; nothing is written.
            let blocked = try await chair.post(base + "/money/ltos", ["organisation": id, "startsOn": "2026-01-01", "endsOn": "2025-01-01",
                                                                      "decision": cctv])
            #expect(blocked.status == .unprocessableEntity)
            #expect(blocked.text.contains("was blocked: choose a decision the partnership made"))
            #expect(blocked.text.contains("href=\"#endsOn\""))
            #expect(try await periods(app) == before)

            #expect(try await chair.post(base + "/money/ltos", ["organisation": id, "startsOn": "2026-01-01", "decision": funDay]).status == .seeOther)
            let listed = try await TestClient(app).get(base + "/money/ltos").text
            #expect(listed.contains("Harbourside Community Foundation") && listed.contains("Holds the money"))
            #expect(listed.contains("Fund the summer fun day") && !listed.contains("Record the choice"))
            let twice = try await chair.post(base + "/money/ltos", ["organisation": id, "startsOn": "2026-06-01", "decision": funDay])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("already holds the money from 1 January 2026"))

            // The foundation can now record money, beside the Trust.
            #expect(try await admin.get(base + "/money/entries/new").text.contains("Harbourside Community Foundation"))
            let audit = try await AuditEntryRecord.query(on: app.db).filter(\.$entityType == "partnership_lto").count()
            #expect(audit >= 1)

            // Its end, again on a decision; a day before it started is refused.
            let period = try #require(try await PartnershipLTORecord.query(on: app.db).filter(\.$organisation.$id == foundation.requireID()).first())
            let endPath = base + "/money/ltos/\(try period.requireID().uuidString.lowercased())/end"
            #expect(try await tom.get(endPath).status == .forbidden)
            try await chair.get(endPath)
            let early = try await chair.post(endPath, ["endsOn": "2025-12-31", "decision": funDay])
            #expect(early.status == .unprocessableEntity && early.text.contains("must be on or after 1 January 2026"))
            #expect(try await chair.post(endPath, ["endsOn": "2026-06-30", "decision": funDay]).status == .seeOther)
            #expect(try await TestClient(app).get(base + "/money/ltos").text.contains("Ended"))
            #expect(!(try await admin.get(base + "/money/entries/new").text.contains("Harbourside Community Foundation")))

            // The API mirrors it, naming the organisation by its slug.
            let made = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/money/ltos",
                                            #"{"organisation": "harbourside-community-foundation", "startsOn": "2026-07-01", "decision": "\#(funDay)"}"#)
            #expect(made.status == .created)
            #expect((try made.json()["organisation"] as? [String: Any])?["slug"] as? String == "harbourside-community-foundation")
            let list = try await TestClient(app).get("/api/v1/partnerships/\(Demo.partnership)/money/ltos").json()
            #expect((list["items"] as? [[String: Any]])?.count == 2)
            let bad = try await chair.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/money/ltos", #"{"organisation": "st-annes-primary-school"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try await tom.json(.POST, "/api/v1/partnerships/\(Demo.partnership)/money/ltos", "{}").status == .forbidden)
        }
    }

    /// A browser sends the chosen file as multipart/form-data, with the CSRF token beside it.
    func upload(_ client: TestClient, _ path: String, file: String, lto: String? = nil) async throws -> TestingHTTPResponse {
        let boundary = "----rebalance-test-boundary"
        var parts: [(String, String, String?)] = [("csrf", client.csrf ?? "", nil), ("csv", "", nil), ("file", file, "transactions.csv")]
        if let lto { parts.append(("lto", lto, nil)) }
        var body = ""
        for (name, value, filename) in parts {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"" + (filename.map { "; filename=\"\($0)\"" } ?? "") + "\r\n"
            if filename != nil { body += "Content-Type: text/csv\r\n" }
            body += "\r\n\(value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await client.request(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func theLTOsFileIsUploadedAllOrNothing() async throws {
        try await TestApp.run { app in
            let joe = TestClient(app)
            try await joe.signIn(MoneyWebTests.lto)
            let form = try await joe.get(base + "/money/import")
            #expect(form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("type=\"file\""))
            let before = try await LedgerEntryRecord.query(on: app.db).count()
            var rows = ["date,kind,amount,priority,payee,reference,description"]
            for n in 1...3 { rows.append("2025-0\(n)-0\(n),paid,20.0\(n),Small grants,Brook Print,FILE-\(n),Banners \(n)") }
            let broken = rows + ["2025-04-04,paid,-3,Small grants,Brook Print,FILE-4,Refund"]
            let refused = try await upload(joe, base + "/money/import", file: broken.joined(separator: "\r\n"))
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Line 5: amount:"))
            #expect(refused.text.contains("href=\"#file\""))
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == before)
            #expect(try await upload(joe, base + "/money/import", file: rows.joined(separator: "\r\n")).status == .seeOther)
            #expect(try await LedgerEntryRecord.query(on: app.db).count() == before + 3)
            // Neither file nor text: the message names the file field.
            let empty = try await upload(joe, base + "/money/import", file: "")
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Choose the CSV file to import"))
            // Without the token the upload is refused like any form.
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=x")
            let forged = try await joe.request(.POST, base + "/money/import", headers: headers,
                                               body: ByteBuffer(string: "--x\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\na\r\n--x--\r\n"))
            #expect(forged.status == .forbidden)
        }
    }
}
