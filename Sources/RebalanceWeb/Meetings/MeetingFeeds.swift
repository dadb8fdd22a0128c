import Foundation
import RebalanceCore
import RebalanceStore
import Vapor

/// iCalendar feeds (RFC 5545) that calendar apps subscribe to: one per partnership, public, and
/// one per person covering every partnership they belong to, behind a signed link because
/// calendar apps send no cookies.
enum MeetingFeeds {
    static func endpoints() -> [Endpoint] {
        var partnershipFeed = Endpoint.page(.GET, .meetingsFeed(":slug"), .fixed(.viewPublic)) { req in
            let p = try await req.partnership()
            let series = try await MeetingQueries.series(of: try p.requireID(), on: req.db).map { try $0.series() }
            return try await feed(req, name: "\(p.name) meetings", series: series, slugs: [try p.requireID(): p.slug])
        }
        // Calendar apps poll; a fresh copy each time keeps cancellations prompt.
        partnershipFeed.cacheable = false
        var personalFeed = Endpoint.page(.GET, .personalFeed(":token"), .fixed(.viewPublic)) { req in
            let tokens = PersonTokens(secret: try await SiteSecrets.secret("calendar", on: req.db))
            guard let token = req.parameters.get("token"), let person = try await tokens.person(from: token, on: req.db),
                  let personID = person.id else {
                throw Abort(.notFound, reason: "This calendar link is not valid.")
            }
            let today = Day.today()
            let memberships = try await MembershipRecord.query(on: req.db).filter(\.$person.$id == personID).with(\.$partnership).all()
                .filter { $0.isCurrent(on: today) }
            var slugs: [UUID: String] = [:]
            for m in memberships { slugs[m.$partnership.id] = m.partnership.slug }
            var series: [MeetingSeries] = []
            for id in slugs.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
                series += try await MeetingQueries.series(of: id, on: req.db).map { try $0.series() }
            }
            return try await feed(req, name: "Meetings for \(person.name)", series: series, slugs: slugs)
        }
        personalFeed.cacheable = false
        return [partnershipFeed, personalFeed]
    }

    /// The personal feed's address for the signed-in person, for their account page.
    static func personalFeedPath(for person: PersonRecord, on db: any Database) async throws -> String {
        let tokens = PersonTokens(secret: try await SiteSecrets.secret("calendar", on: db))
        return SiteURL.personalFeed(try tokens.token(for: person)).path
    }

    static func feed(_ req: Request, name: String, series: [MeetingSeries], slugs: [UUID: String]) async throws -> Response {
        let today = Day.today()
        let base = req.application.webSettings.mail.baseURL
        let calendar = ICalendarFeed.meetings(name: name, series: series, from: today.adding(days: -366), through: today.adding(days: 550)) { s, o in
            slugs[s.partnershipID].map { base + SiteURL.meeting($0, s.id.uuidString.lowercased(), o.originalDay.description).path }
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"meetings.ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: calendar.text(generatedAt: Date())))
    }
}
