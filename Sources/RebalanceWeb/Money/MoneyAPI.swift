import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// The plan and the money in JSON, mirroring the pages: amounts are whole pence (integers).
enum MoneyAPI {
    struct LineBody: Encodable {
        let key: String; let title: String; let planned: Int64; let committed: Int64; let paid: Int64; let left: Int64; let flag: OrNull<String>
        init(_ l: SpendAgainstPlan.Line) {
            key = l.key; title = l.title; planned = l.planned.value; committed = l.committed.value; paid = l.paid.value
            left = l.left.value; flag = OrNull(l.flag?.rawValue)
        }
    }

    struct SummaryBody: Encodable {
        let award: Int64; let received: Int64; let paid: Int64; let admin: Int64; let held: Int64
        let timeGonePercent: Int; let moneySpentPercent: Int; let forecastLeft: OrNull<Int64>
        let byPriority: [LineBody]; let byYear: [LineBody]
    }

    struct EntryBody: Encodable {
        let id: UUID; let lto: UUID; let kind: String; let amount: Int64; let on: String; let priority: OrNull<String>
        let payee: OrNull<String>; let reference: OrNull<String>; let description: String; let reverses: OrNull<String>
        init(_ e: LedgerEntry) {
            id = e.id; lto = e.ltoID; kind = e.kind.rawValue; amount = e.signed.value; on = e.on.description; priority = OrNull(e.priority)
            payee = OrNull(e.payee); reference = OrNull(e.reference); description = e.description; reverses = OrNull(e.reverses?.uuidString)
        }
    }

    struct EntryInput: Decodable {
        var lto: String?, kind: String?, amount: String?, on: String?, priority: String?, project: String?, commitment: String?
        var payee: String?, reference: String?, description: String?, confirmOverpay: Bool?
    }

    struct PlanBody: Encodable {
        let number: Int; let accepted: Bool; let vision: String; let startYear: Int; let endYear: Int; let priorities: [Priority]
        struct Priority: Encodable { let key: String; let title: String; let outcomes: String; let consultation: String; let budgets: [String: Int64] }
    }

    struct FunderRowBody: Encodable {
        let area: String; let slug: String; let award: Int64; let received: Int64; let paid: Int64; let timeGonePercent: OrNull<Int>
        let moneySpentPercent: Int; let healthGap: OrNull<Double>; let keptOnTimePercent: OrNull<Int>; let answeredWithinTargetPercent: OrNull<Int>
    }

    struct HolderBody: Encodable {
        let id: UUID; let organisation: RefBody; let startsOn: String; let endsOn: OrNull<String>; let decision: OrNull<String>
        init(_ r: PartnershipLTORecord) throws {
            id = try r.requireID(); organisation = RefBody(slug: r.organisation.slug, name: r.organisation.name)
            startsOn = r.startsOnRaw; endsOn = OrNull(r.endsOnRaw); decision = OrNull(r.decisionID?.uuidString.lowercased())
        }
    }

    struct HolderInput: Decodable { var organisation: String?, startsOn: String?, endsOn: String?, decision: String? }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .moneyHolders(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The organisations chosen to hold the money, with dates and the decision behind each", tag: "money",
                             query: APIDoc.paging, response: .list("MoneyHolder"), errors: [404])) { req in
                let periods = try await MoneyQueries.ltoPeriods(of: try await req.partnership().requireID(), on: req.db)
                let paging = try Paging(req, defaultPer: 100)
                return try API.json(ListBody(try paging.slice(periods).map(HolderBody.init), paging: paging, total: periods.count))
            },
            .api(.POST, .moneyHolders(":slug"), .resolved(LTOPages.choosePermission),
                 doc: APIDoc(summary: "Record an organisation chosen to hold the money, on a decision in the log (the chair)", tag: "money",
                             request: "MoneyHolderInput", response: .object("MoneyHolder"), status: 201, errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let body = try API.body(HolderInput.self, from: req)
                // The organisation by its slug, as elsewhere in the API; an id is taken too.
                var organisation = body.organisation
                if let given = body.organisation, UUID(uuidString: given) == nil {
                    organisation = try await OrganisationQueries.find(slug: given, on: req.db)?.id?.uuidString ?? given
                }
                let record = try await LTOCommands.choose(.init(organisation: organisation, startsOn: body.startsOn, endsOn: body.endsOn,
                                                                decision: body.decision), for: try p.requireID(), by: req.actor, on: req.db)
                try await record.$organisation.load(on: req.db)
                return try API.json(try HolderBody(record), status: .created)
            },
            .api(.GET, .money(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "Spend against plan: the award, money received and paid, by priority and year (pence)", tag: "money",
                             response: .object("MoneySummary"), errors: [404])) { req in
                guard let s = try await MoneyPages.picture(req).spend(today: .today()) else { throw NotFound("plan") }
                let t = s.totals
                return try API.json(SummaryBody(award: s.award.value, received: t.received.value, paid: t.paid.value, admin: s.admin.value,
                                                held: (t.received - t.paid - s.admin).value, timeGonePercent: s.timeGonePercent,
                                                moneySpentPercent: s.moneySpentPercent, forecastLeft: OrNull(s.forecastLeft?.value),
                                                byPriority: s.byPriority.map(LineBody.init), byYear: s.byYear.map(LineBody.init)))
            },
            .api(.GET, .moneyLedger(":slug"), .resolved(MoneyPages.detailPermission),
                 doc: APIDoc(summary: "The ledger's entries, oldest first (members, the LTOs and the funder)", tag: "money",
                             query: APIDoc.paging, response: .list("LedgerEntry"), errors: [401, 403, 404])) { req in
                let entries = try await MoneyPages.picture(req).ledger.entries
                let paging = try Paging(req, defaultPer: 100)
                return try API.json(ListBody(paging.slice(entries).map(EntryBody.init), paging: paging, total: entries.count))
            },
            .api(.POST, .moneyEntries(":slug"), .resolved(MoneyPages.recordPermission),
                 doc: APIDoc(summary: "Post a ledger entry (the LTO's finance staff); confirmOverpay when a payment passes what was committed",
                             tag: "money", request: "LedgerEntryInput", response: .object("LedgerEntry"), status: 201,
                             errors: [401, 403, 404, 422])) { req in
                let p = try await req.partnership()
                let body = try API.body(EntryInput.self, from: req)
                let input = LedgerEntryInput(lto: body.lto, kind: body.kind, amount: body.amount, on: body.on, priority: body.priority,
                                             project: body.project, commitment: body.commitment, payee: body.payee, reference: body.reference,
                                             description: body.description)
                let line = try await MoneyCommands.post(input, to: p, confirmOverpay: body.confirmOverpay ?? false, by: req.actor, on: req.db)
                return try API.json(EntryBody(line.entry), status: .created)
            },
            .api(.GET, .plan(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The plan in force (or the draft, before any is accepted)", tag: "money",
                             response: .object("Plan"), errors: [404])) { req in
                let picture = try await MoneyPages.picture(req)
                guard let v = picture.plan, let c = picture.content else { throw NotFound("plan") }
                return try API.json(PlanBody(number: v.number, accepted: v.isAccepted, vision: c.vision, startYear: c.startYear, endYear: c.endYear,
                                             priorities: c.priorities.map {
                                                 .init(key: $0.key, title: $0.title, outcomes: $0.outcomes, consultation: $0.consultation,
                                                       budgets: Dictionary(uniqueKeysWithValues: $0.budgets.map { (String($0.key), $0.value.value) }))
                                             }))
            },
            .api(.GET, .funderAreas(":slug"), .resolved(FunderPages.permission),
                 doc: APIDoc(summary: "Every area a funder funds, with its money and relationship figures (the funder's staff)", tag: "money",
                             query: APIDoc.paging, response: .list("FunderArea"), errors: [401, 403, 404])) { req in
                let rows = try await FunderPages.sorted(req)
                let paging = try Paging(req, defaultPer: 200)
                return try API.json(ListBody(paging.slice(rows).map { r in
                    FunderRowBody(area: r.partnershipName, slug: r.partnershipSlug, award: r.award.value, received: r.received.value, paid: r.paid.value,
                                  timeGonePercent: OrNull(r.timeGonePercent), moneySpentPercent: r.moneySpentPercent, healthGap: OrNull(r.healthGap),
                                  keptOnTimePercent: OrNull(r.keptOnTimePercent), answeredWithinTargetPercent: OrNull(r.answeredWithinTargetPercent))
                }, paging: paging, total: rows.count))
            },
        ]
    }

    typealias S = APISchemas
    static let pence: JSONValue = ["type": "integer", "description": "Whole pence"]
    static let nullablePence: JSONValue = ["type": ["integer", "null"], "description": "Whole pence"]
    static let nullableInteger: JSONValue = ["type": ["integer", "null"]]

    static let schemas: [(String, JSONValue)] = [
        ("SpendLine", S.object([("key", S.string), ("title", S.string), ("planned", pence), ("committed", pence), ("paid", pence), ("left", pence),
                                ("flag", ["type": ["string", "null"], "enum": ["over", "under", .null]])],
                               required: ["key", "title", "planned", "committed", "paid", "left", "flag"])),
        ("MoneySummary", S.object([("award", pence), ("received", pence), ("paid", pence), ("admin", pence), ("held", pence),
                                   ("timeGonePercent", S.integer), ("moneySpentPercent", S.integer), ("forecastLeft", nullablePence),
                                   ("byPriority", S.array(S.ref("SpendLine"))), ("byYear", S.array(S.ref("SpendLine")))],
                                  required: ["award", "received", "paid", "admin", "held", "timeGonePercent", "moneySpentPercent", "forecastLeft",
                                             "byPriority", "byYear"])),
        ("LedgerEntry", S.object([("id", S.uuid), ("lto", S.uuid), ("kind", S.enumeration(LedgerEntryKind.allCases.map(\.rawValue))),
                                  ("amount", ["type": "integer", "description": "Whole pence; negative for a reversal"]), ("on", S.date),
                                  ("priority", S.nullableString), ("payee", S.nullableString), ("reference", S.nullableString),
                                  ("description", S.string), ("reverses", S.nullableString)],
                                 required: ["id", "lto", "kind", "amount", "on", "priority", "payee", "reference", "description", "reverses"])),
        ("LedgerEntryInput", S.object([("lto", S.string), ("kind", S.enumeration(LedgerEntryKind.allCases.map(\.rawValue))),
                                       ("amount", ["type": "string", "description": "Pounds, as typed: 1250 or 1,250.50"]), ("on", S.date),
                                       ("priority", S.string), ("project", S.string), ("commitment", S.string), ("payee", S.optionalText(200)),
                                       ("reference", S.optionalText(100)), ("description", S.text(500)), ("confirmOverpay", S.boolean)],
                                      required: ["kind", "amount", "on", "description"])),
        ("Plan", S.object([("number", S.integer), ("accepted", S.boolean), ("vision", S.string), ("startYear", S.integer), ("endYear", S.integer),
                           ("priorities", S.array(S.object([("key", S.string), ("title", S.string), ("outcomes", S.string),
                                                            ("consultation", S.string),
                                                            ("budgets", ["type": "object", "additionalProperties": pence])],
                                                           required: ["key", "title", "outcomes", "consultation", "budgets"])))],
                          required: ["number", "accepted", "vision", "startYear", "endYear", "priorities"])),
        ("MoneyHolder", S.object([("id", S.uuid), ("organisation", S.ref("Ref")), ("startsOn", S.date), ("endsOn", ["type": ["string", "null"], "format": "date"]),
                                  ("decision", S.nullableString)], required: ["id", "organisation", "startsOn", "endsOn", "decision"])),
        ("MoneyHolderInput", S.object([("organisation", ["type": "string", "description": "The organisation's slug (it must hold money)"]),
                                       ("startsOn", S.date), ("endsOn", S.date),
                                       ("decision", ["type": "string", "description": "The id of a passed or chosen decision in the partnership's log"])],
                                      required: ["organisation", "startsOn", "decision"])),
        ("FunderArea", S.object([("area", S.string), ("slug", S.string), ("award", pence), ("received", pence), ("paid", pence),
                                 ("timeGonePercent", nullableInteger), ("moneySpentPercent", S.integer),
                                 ("healthGap", ["type": ["number", "null"]]), ("keptOnTimePercent", nullableInteger),
                                 ("answeredWithinTargetPercent", nullableInteger)],
                                required: ["area", "slug", "award", "received", "paid", "timeGonePercent", "moneySpentPercent", "healthGap",
                                           "keptOnTimePercent", "answeredWithinTargetPercent"])),
    ]
}
