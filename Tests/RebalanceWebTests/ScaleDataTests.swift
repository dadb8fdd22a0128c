import FluentKit
import Foundation
import RebalanceCore
import RebalanceStore
@testable import RebalanceWeb
import Testing
import Vapor
import VaporTesting

/// `rebalance demo --scale N`: the same seed gives the same rows on any database, a second run
/// adds nothing, loading more areas later leaves the earlier ones as they were, and the pages
/// of a generated partnership render for its members and for visitors.
@Suite struct ScaleDataTests {
    static let seed: UInt64 = 7

    @Test func sameSeedSameRowsTwiceNothingAndPagesRender() async throws {
        var first: [String: Set<UUID>] = [:]
        var firstLines: [String] = []
        try await TestApp.run { app in
            let before = try await Self.ids(app.db)
            let loaded = try await ScaleData.load(areas: 3, seed: Self.seed, on: app.db)
            #expect(loaded.areasAdded == 3)
            #expect(loaded.rowsWritten > 20_000)
            first = Self.added(try await Self.ids(app.db), since: before)
            #expect(first.values.allSatisfy { !$0.isEmpty })
            firstLines = try await Self.commitmentLines(app.db, first[CommitmentRecord.schema]!)
            #expect(firstLines.count == first[CommitmentRecord.schema]!.count)

            let again = try await ScaleData.load(areas: 3, seed: Self.seed, on: app.db)
            #expect(again.areasAdded == 0 && again.areasAlreadyThere == 3 && again.rowsWritten == 0)
            #expect(Self.added(try await Self.ids(app.db), since: before) == first)

            try await Self.pagesRender(app, accounts: loaded.accounts)
        }
        try await TestApp.run { app in
            let before = try await Self.ids(app.db)
            // Two areas, then the third: each area is its own, so the result is the same as three at once.
            #expect(try await ScaleData.load(areas: 2, seed: Self.seed, on: app.db).areasAdded == 2)
            #expect(try await ScaleData.load(areas: 3, seed: Self.seed, on: app.db).areasAdded == 1)
            let second = Self.added(try await Self.ids(app.db), since: before)
            for (table, ids) in first {
                #expect(second[table] == ids, "\(table) differs between two loads with the same seed")
            }
            // Content too, not only ids: what the pages show.
            #expect(try await Self.commitmentLines(app.db, first[CommitmentRecord.schema]!) == firstLines)
        }
    }

    @Test func refusedWithoutTheDemo() async throws {
        try await TestApp.run(demo: false) { app in
            await #expect(throws: ScaleData.DemoMissing.self) { try await ScaleData.load(areas: 1, on: app.db) }
        }
    }

    static func commitmentLines(_ db: any Database, _ ids: Set<UUID>) async throws -> [String] {
        try await CommitmentRecord.query(on: db).all().filter { ids.contains($0.id!) }
            .map { "\($0.id!) \($0.title) \($0.stateRaw) \($0.dueOnRaw) \($0.deliveredOnRaw ?? "") \($0.version)" }.sorted()
    }

    /// Ids of the tables most pages read, by table.
    static func ids(_ db: any Database) async throws -> [String: Set<UUID>] {
        [
            PersonRecord.schema: Set(try await PersonRecord.query(on: db).all(\.$id).compactMap { $0 }),
            AreaRecord.schema: Set(try await AreaRecord.query(on: db).all(\.$id).compactMap { $0 }),
            MembershipRecord.schema: Set(try await MembershipRecord.query(on: db).all(\.$id).compactMap { $0 }),
            OrganisationRecord.schema: Set(try await OrganisationRecord.query(on: db).all(\.$id).compactMap { $0 }),
            MeetingRecord.schema: Set(try await MeetingRecord.query(on: db).all(\.$id).compactMap { $0 }),
            CommitmentRecord.schema: Set(try await CommitmentRecord.query(on: db).all(\.$id).compactMap { $0 }),
            ProposalRecord.schema: Set(try await ProposalRecord.query(on: db).all(\.$id).compactMap { $0 }),
            PollRecord.schema: Set(try await PollRecord.query(on: db).all(\.$id).compactMap { $0 }),
            DecisionLogRecord.schema: Set(try await DecisionLogRecord.query(on: db).all(\.$id).compactMap { $0 }),
            EnquiryRecord.schema: Set(try await EnquiryRecord.query(on: db).all(\.$id).compactMap { $0 }),
            HealthCheckRoundRecord.schema: Set(try await HealthCheckRoundRecord.query(on: db).all(\.$id).compactMap { $0 }),
            UpdateRecord.schema: Set(try await UpdateRecord.query(on: db).all(\.$id).compactMap { $0 }),
            AuditEntryRecord.schema: Set(try await AuditEntryRecord.query(on: db).all(\.$id).compactMap { $0 }),
        ]
    }

    /// What the scale data added: the demo's own ids are new in every database, the generated ones never.
    static func added(_ after: [String: Set<UUID>], since before: [String: Set<UUID>]) -> [String: Set<UUID>] {
        Dictionary(uniqueKeysWithValues: after.map { ($0.key, $0.value.subtracting(before[$0.key] ?? [])) })
    }

    static func pagesRender(_ app: Application, accounts: [ScaleData.Account]) async throws {
        let chairEmail = try #require(accounts.first { $0.role.hasPrefix("Chair") }?.email)
        let chair = try #require(try await PersonRecord.query(on: app.db).filter(\.$email == chairEmail).first())
        let seat = try #require(try await MembershipRecord.query(on: app.db).filter(\.$person.$id == chair.requireID())
            .filter(\.$roleRaw == MembershipRole.chair.rawValue).filter(\.$endsOnRaw == nil).with(\.$partnership).first())
        let p = seat.partnership
        let pid = try p.requireID()
        let base = SiteURL.partnership(p.slug).path
        let commitment = try #require(try await CommitmentRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let proposal = try #require(try await ProposalRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let poll = try #require(try await PollRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let decision = try #require(try await DecisionLogRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let enquiry = try #require(try await EnquiryRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let round = try #require(try await HealthCheckRoundRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let series = try #require(try await MeetingSeriesRecord.query(on: app.db).filter(\.$partnership.$id == pid).first())
        let meeting = try #require(try await MeetingRecord.query(on: app.db).filter(\.$series.$id == series.requireID())
            .filter(\.$decisions != nil).first())
        let council = try #require(try await AreaCouncilRecord.query(on: app.db).filter(\.$area.$id == p.$area.id).with(\.$council).first())
        let area = try #require(try await AreaRecord.find(p.$area.id, on: app.db))

        let open = [SiteURL.home.path, SiteURL.area(area.slug).path, base, SiteURL.agreement(p.slug).path, SiteURL.commitments(p.slug).path,
                    SiteURL.commitment(p.slug, commitment.id!.uuidString).path, SiteURL.projects(p.slug).path, SiteURL.timeline(p.slug).path,
                    SiteURL.accountability(p.slug).path, SiteURL.meetings(p.slug).path,
                    SiteURL.meeting(p.slug, series.id!.uuidString, meeting.originalDayRaw).path, SiteURL.updates(p.slug).path,
                    SiteURL.decisions(p.slug).path, SiteURL.decision(p.slug, decision.id!.uuidString).path,
                    SiteURL.organisation(council.council.slug).path, SiteURL.councilStatistics(council.council.slug).path,
                    APIURL.commitments(p.slug).path, APIURL.timeline(p.slug).path]
        let visitor = TestClient(app)
        for path in open {
            #expect(try await visitor.get(path).status == .ok, "\(path) for a visitor")
        }
        // Fifteen years are shown a year at a time; each year, read on its own, holds exactly the
        // events the whole history has for it, and the aggregates count and date them all.
        let links = TimelinePages.links(p.slug)
        let whole = try await TimelineQueries.entries(of: pid, links: links, on: app.db)
        let span = try await TimelineQueries.span(of: pid, on: app.db)
        #expect(whole.count > TimelineYears.wholeHistoryLimit)
        #expect(span.count == whole.count)
        let years = try #require(span.years)
        #expect(years == whole.map(\.on.year).min()!...whole.map(\.on.year).max()!)
        let key = { (e: TimelineEntry) in "\(e.on) \(e.kind) \(e.title) \(e.link ?? "")" }
        for year in years {
            let one = try await TimelineQueries.entries(of: pid, year: year, links: links, on: app.db)
            #expect(one.map(key).sorted() == whole.filter { $0.on.year == year }.map(key).sorted(), "\(year)")
        }
        let page = try await visitor.get(SiteURL.timeline(p.slug).path).text
        #expect(page.contains("shown a year at a time"))
        #expect(page.contains("?year=\(years.lowerBound)"))
        let firstYear = try await visitor.get(SiteURL.timeline(p.slug).path + "?year=\(years.lowerBound)").text
        #expect(firstYear.contains("events in \(years.lowerBound)"))
        #expect(!firstYear.contains("<h2 class=\"heading-m\">\(years.lowerBound + 1)</h2>"))

        // Fifteen years of settled promises are paged, newest first; accountability lists each
        // party's latest deliveries and counts the rest.
        let commitments = try await CommitmentRecord.query(on: app.db).filter(\.$partnership.$id == pid).all()
        let settled = commitments.filter { !$0.state.isOpen }.sorted { $0.dueOnRaw > $1.dueOnRaw }
        #expect(settled.count > 50)
        let register = try await visitor.get(SiteURL.commitments(p.slug).path).text
        // Due dates can tie at the page boundary, so compare with ones strictly newer or older than it.
        let newest = try #require(settled.first { $0.dueOnRaw > settled[50].dueOnRaw })
        let older = try #require(settled.first { $0.dueOnRaw < settled[49].dueOnRaw })
        #expect(register.contains(SiteURL.commitment(p.slug, newest.id!.uuidString).path))
        #expect(!register.contains(SiteURL.commitment(p.slug, older.id!.uuidString).path))
        #expect(register.contains("?page=2"))
        let lastPage = try await visitor.get(SiteURL.commitments(p.slug).path + "?page=\((settled.count + 49) / 50)").text
        #expect(lastPage.contains(SiteURL.commitment(p.slug, settled.last!.id!.uuidString).path))
        let accountability = try await visitor.get(SiteURL.accountability(p.slug).path).text
        #expect(accountability.contains("delivered earlier: see"))

        let member = TestClient(app)
        try await member.signIn(chairEmail)
        let membersOnly = [SiteURL.auditLog(p.slug).path, SiteURL.proposals(p.slug).path, SiteURL.proposal(p.slug, proposal.id!.uuidString).path,
                           SiteURL.polls(p.slug).path, SiteURL.poll(p.slug, poll.id!.uuidString).path, SiteURL.enquiries(p.slug).path,
                           SiteURL.enquiry(p.slug, enquiry.id!.uuidString).path, SiteURL.healthCheck(p.slug).path,
                           SiteURL.healthCheckRound(p.slug, round.id!.uuidString).path, SiteURL.communicationPlan(p.slug).path,
                           SiteURL.account.path]
        for path in open + membersOnly {
            #expect(try await member.get(path).status == .ok, "\(path) for the chair")
        }
        // Council staff of a council over many areas see the cross-area health check.
        let manager = try #require(accounts.first { $0.role.hasPrefix("Community engagement manager") }?.email)
        let staff = TestClient(app)
        try await staff.signIn(manager)
        #expect(try await staff.get(SiteURL.healthCheckAcrossAreas.path).status == .ok)
        #expect(try await staff.get(SiteURL.enquiries(p.slug).path).status == .ok)
    }
}
