import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The enquiry pages as JSON under `/api/v1`, calling the same commands.
enum EnquiryAPI {
    struct TeamRef: Encodable {
        let id: UUID; let slug: String; let name: String
        init(_ id: UUID, _ teams: [UUID: TeamRecord]) {
            self.id = id; slug = teams[id]?.slug ?? ""; name = teams[id]?.name ?? "A former team"
        }
    }

    struct DirectoryEntryBody: Encodable {
        let id: UUID; let topic: String; let team: TeamRef; let targetWorkingDays: Int; let version: Int
        init(_ e: ResponsibilityEntryRecord, _ teams: [UUID: TeamRecord]) throws {
            id = try e.requireID(); topic = e.topic; team = TeamRef(e.$team.id, teams); targetWorkingDays = e.targetWorkingDays; version = e.version
        }
    }

    struct DirectoryEntryInput: Decodable { var topic: String?; var team: String?; var targetWorkingDays: Int? }

    struct HandOffBody: Encodable { let on: String; let from: TeamRef; let to: TeamRef; let reason: String; let by: String }

    struct EnquiryBody: Encodable {
        let id: UUID; let title: String; let question: String; let topic: String; let council: RefBody
        let state: String; let stateLabel: String; let firstTeam: TeamRef; let holdingTeam: TeamRef
        let receivedOn: String; let targetWorkingDays: Int; let dueOn: String; let overdue: Bool; let workingDaysOverdue: Int
        let handOffs: [HandOffBody]; let closedOn: OrNull<String>; let answer: OrNull<String>; let answeredBy: OrNull<String>
        let raisedBy: String; let version: Int

        init(_ r: EnquiryRecord, council: OrganisationRecord, today: Day) throws {
            let e = try r.core(handOffs: r.handOffs)
            let teams = Dictionary(uniqueKeysWithValues: council.teams.compactMap { t in t.id.map { ($0, t) } })
            id = e.id; title = r.title; question = r.question; topic = r.topic
            self.council = RefBody(slug: council.slug, name: council.name)
            state = e.state.rawValue; stateLabel = e.state.label
            firstTeam = TeamRef(e.firstTeamID, teams); holdingTeam = TeamRef(e.holdingTeamID, teams)
            receivedOn = e.receivedOn.description; targetWorkingDays = e.targetWorkingDays; dueOn = e.dueOn().description
            overdue = e.isOverdue(on: today); workingDaysOverdue = e.workingDaysOverdue(on: today)
            handOffs = r.handOffs.sorted { $0.position < $1.position }.map {
                HandOffBody(on: $0.onRaw, from: TeamRef($0.$fromTeam.id, teams), to: TeamRef($0.$toTeam.id, teams), reason: $0.reason, by: $0.byName)
            }
            closedOn = OrNull(e.closure?.day.description); answer = OrNull(r.answer); answeredBy = OrNull(r.answeredBy)
            raisedBy = r.raisedByName; version = r.version
        }
    }

    struct EnquiryInput: Decodable { var council: String?; var topic: String?; var title: String?; var question: String? }
    struct HandOffInput: Decodable { var toTeam: String?; var reason: String?; var version: Int? }
    struct AnswerInput: Decodable { var answer: String?; var version: Int? }
    struct WithdrawInput: Decodable { var version: Int? }

    struct FiguresBody: Encodable {
        let received, answered, withdrawn, open, openOverdue, answeredWithinTarget, answeredLate, redirected, handOffs: Int
        let medianWorkingDaysToAnswer: OrNull<Double>; let shareWithinTarget: OrNull<Double>; let averageHandOffs: OrNull<Double>
        init(_ f: EnquiryFigures) {
            received = f.received; answered = f.answered; withdrawn = f.withdrawn; open = f.open; openOverdue = f.openOverdue
            answeredWithinTarget = f.answeredWithinTarget; answeredLate = f.answeredLate; redirected = f.redirected; handOffs = f.handOffs
            medianWorkingDaysToAnswer = OrNull(f.medianWorkingDaysToAnswer); shareWithinTarget = OrNull(f.shareWithinTarget)
            averageHandOffs = OrNull(f.averageHandOffs)
        }
    }

    struct StatisticsBody: Encodable {
        struct Team: Encodable { let team: TeamRef; let figures: FiguresBody; let receivedFirst: Int; let handedOn: Int }
        struct Period: Encodable { let period: String; let label: String; let figures: FiguresBody }
        let council: RefBody; let today: String; let granularity: String
        let overall: FiguresBody; let teams: [Team]; let series: [Period]
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .councilDirectory(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "A council's responsibility directory: topic, team, target in working days", tag: "enquiries",
                             query: APIDoc.paging, response: .list("DirectoryEntry"), errors: [404])) { req in
                let council = try await req.council()
                let paging = try Paging(req, defaultPer: 100)
                let all = try await EnquiryQueries.directory(of: try council.requireID(), on: req.db)
                let teams = teamsByID(council)
                let page = paging.slice(all)
                return try API.json(ListBody(try page.map { try DirectoryEntryBody($0, teams) }, paging: paging, total: all.count))
            },
            .api(.POST, .councilDirectory(":slug"), .resolved(EnquiryRules.manageDirectory),
                 doc: APIDoc(summary: "Add a topic to a council's directory", tag: "enquiries", request: "DirectoryEntryInput",
                             response: .object("DirectoryEntry"), status: 201, errors: [401, 403, 404, 422])) { req in
                let council = try await req.council()
                let input = try API.body(DirectoryEntryInput.self, from: req)
                let entry = try await EnquiryCommands.addDirectoryEntry(
                    council: try council.requireID(),
                    .init(topic: input.topic, team: teamID(input.team, council), targetWorkingDays: input.targetWorkingDays.map(String.init)),
                    by: req.actor, on: req.db)
                return try API.json(try DirectoryEntryBody(entry, teamsByID(council)), status: .created)
            },
            .api(.GET, .councilStatistics(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "How quickly a council answers: totals, per team, and per month or quarter of the past year",
                             tag: "enquiries",
                             query: [.init(name: "by", description: "month or quarter (default)", schema: APISchemas.enumeration(["month", "quarter"]))],
                             response: .object("EnquiryStatistics"), errors: [404, 422])) { req in
                let report = try await EnquiryStatisticsReport.load(req)
                let teams = teamsByID(report.council)
                return try API.json(StatisticsBody(
                    council: RefBody(slug: report.council.slug, name: report.council.name), today: report.today.description,
                    granularity: report.granularity.rawValue, overall: FiguresBody(report.overall),
                    teams: report.teams.map { .init(team: TeamRef($0.id, teams), figures: FiguresBody($0.line.figures),
                                                    receivedFirst: $0.line.receivedFirst, handedOn: $0.line.handedOn) },
                    series: report.series.map { .init(period: $0.period.description, label: $0.period.label, figures: FiguresBody($0.figures)) }))
            },
            .api(.GET, .enquiries(":slug"), .resolved(EnquiryRules.view),
                 doc: APIDoc(summary: "A partnership's enquiries to its councils, newest first", tag: "enquiries", query: APIDoc.paging,
                             response: .list("Enquiry"), errors: [401, 403, 404])) { req in
                let p = try await req.partnership()
                let paging = try Paging(req)
                let (items, total) = try await EnquiryQueries.list(partnership: try p.requireID(), page: paging.page, per: paging.per, on: req.db)
                var councils: [UUID: OrganisationRecord] = [:]
                var bodies: [EnquiryBody] = []
                for item in items {
                    if councils[item.$council.id] == nil { councils[item.$council.id] = try await EnquiryQueries.council(item.$council.id, on: req.db) }
                    bodies.append(try EnquiryBody(item, council: councils[item.$council.id]!, today: req.enquiryToday))
                }
                return try API.json(ListBody(bodies, paging: paging, total: total))
            },
            .api(.POST, .enquiries(":slug"), .resolved(EnquiryRules.raise),
                 doc: APIDoc(summary: "Ask a council a question: the topic's directory entry picks the team and the due day", tag: "enquiries",
                             request: "EnquiryInput", response: .object("Enquiry"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let input = try API.body(EnquiryInput.self, from: req)
                let council = try EnquiryCouncil.choose(input.council, from: p.area.councils)
                let record = try await EnquiryCommands.raise(partnership: try p.requireID(), council: try council.requireID(),
                                                             .init(topic: input.topic, title: input.title, question: input.question),
                                                             on: req.enquiryToday, by: req.actor, notify: req.noticeSender, on: req.db)
                return try await body(try record.requireID(), req, status: .created)
            },
            .api(.GET, .enquiry(":slug", ":id"), .resolved(EnquiryRules.view),
                 doc: APIDoc(summary: "One enquiry with its full history", tag: "enquiries", response: .object("Enquiry"), errors: [401, 403, 404])) { req in
                try await body(try await req.enquiry().requireID(), req)
            },
            .api(.POST, .enquiryHandOff(":slug", ":id"), .resolved(EnquiryRules.respond),
                 doc: APIDoc(summary: "Hand an enquiry to another team of the same council, with the reason (the holding team's staff)",
                             tag: "enquiries", request: "EnquiryHandOffInput", response: .object("Enquiry"), errors: [401, 403, 404, 409, 422])) { req in
                let e = try await req.enquiry()
                let input = try API.body(HandOffInput.self, from: req)
                let version = try API.requireVersion(input.version)
                let council = try await EnquiryQueries.council(e.$council.id, on: req.db)
                _ = try await EnquiryCommands.handOff(try e.requireID(), in: e.$partnership.id, expectedVersion: version,
                                                      .init(toTeam: teamID(input.toTeam, council), reason: input.reason),
                                                      on: req.enquiryToday, by: req.actor, notify: req.noticeSender, on: req.db)
                return try await body(try e.requireID(), req)
            },
            .api(.POST, .enquiryAnswer(":slug", ":id"), .resolved(EnquiryRules.respond),
                 doc: APIDoc(summary: "Answer and close an enquiry (only the team holding it)", tag: "enquiries",
                             request: "EnquiryAnswerInput", response: .object("Enquiry"), errors: [401, 403, 404, 409, 422])) { req in
                let e = try await req.enquiry()
                let input = try API.body(AnswerInput.self, from: req)
                let version = try API.requireVersion(input.version)
                _ = try await EnquiryCommands.answer(try e.requireID(), in: e.$partnership.id, expectedVersion: version, text: input.answer,
                                                     on: req.enquiryToday, by: req.actor, notify: req.noticeSender, on: req.db)
                return try await body(try e.requireID(), req)
            },
            .api(.POST, .enquiryWithdraw(":slug", ":id"), .resolved(EnquiryRules.withdraw),
                 doc: APIDoc(summary: "Withdraw an enquiry the partnership no longer needs answered", tag: "enquiries",
                             request: "EnquiryWithdrawInput", response: .object("Enquiry"), errors: [401, 403, 404, 409, 422])) { req in
                let e = try await req.enquiry()
                let input = try API.body(WithdrawInput.self, from: req)
                let version = try API.requireVersion(input.version)
                _ = try await EnquiryCommands.withdraw(try e.requireID(), in: e.$partnership.id, expectedVersion: version,
                                                       on: req.enquiryToday, by: req.actor, on: req.db)
                return try await body(try e.requireID(), req)
            },
        ]
    }

    static func body(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try await req.partnership()
        guard let record = try await EnquiryQueries.find(id, partnership: try p.requireID(), on: req.db) else { throw NotFound("enquiry") }
        let council = try await EnquiryQueries.council(record.$council.id, on: req.db)
        return try API.json(try EnquiryBody(record, council: council, today: req.enquiryToday), status: status)
    }

    static func teamsByID(_ council: OrganisationRecord) -> [UUID: TeamRecord] {
        Dictionary(uniqueKeysWithValues: council.teams.compactMap { t in t.id.map { ($0, t) } })
    }

    /// The API accepts a team's slug as well as its id; the rules check the id.
    static func teamID(_ raw: String?, _ council: OrganisationRecord) -> String? {
        guard let raw else { return nil }
        return council.teams.first { $0.slug == raw }?.id?.uuidString ?? raw
    }
}
