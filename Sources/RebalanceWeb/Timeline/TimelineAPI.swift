import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

enum TimelineAPI {
    struct EntryBody: Encodable {
        let on: String
        let kind: String
        let title: String
        let detail: OrNull<String>
        let link: OrNull<String>
        init(_ e: TimelineEntry) {
            on = e.on.description; kind = e.kind.rawValue; title = e.title; detail = OrNull(e.detail); link = OrNull(e.link)
        }
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .timeline(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "The relationship timeline, oldest first; filter with kind (repeatable)", tag: "timeline",
                             query: APIDoc.paging + [APIDoc.QueryParameter(name: "kind", description: "agreement, commitment, project or milestone",
                                                                           schema: APISchemas.enumeration(TimelineEntry.Kind.allCases.map(\.rawValue)))],
                             response: .list("TimelineEntry"), errors: [404])) { req in
                let paging = try Paging(req, defaultPer: 100)
                let entries = try await TimelinePages.entries(req)
                let page = paging.slice(entries)
                return try API.json(ListBody(page.map(EntryBody.init), paging: paging, total: entries.count))
            },
        ]
    }
}

enum AccountabilityAPI {
    struct PartyBody: Encodable {
        let party: CommitmentAPI.PartyBody
        let trackRecord: TrackRecord
        let open: [CommitmentAPI.CommitmentBody]
        let delivered: [CommitmentAPI.CommitmentBody]
    }

    struct AccountabilityBody: Encodable {
        let asOf: String
        let parties: [PartyBody]
    }

    static func endpoints() -> [Endpoint] {
        [
            .api(.GET, .accountability(":slug"), .fixed(.viewPublic),
                 doc: APIDoc(summary: "Each party's open and delivered commitments and track record", tag: "accountability",
                             response: .object("Accountability"), errors: [404])) { req in
                let p = try await req.partnership()
                let today = Day.today()
                let lines = try await AccountabilityQueries.parties(of: try p.requireID(), asOf: today, on: req.db)
                return try API.json(AccountabilityBody(asOf: today.description, parties: try lines.map { l in
                    PartyBody(party: .init(l.party), trackRecord: l.record, open: try l.open.map { try .init($0, today: today) },
                              delivered: try l.delivered.map { try .init($0, today: today) })
                }))
            },
        ]
    }
}
